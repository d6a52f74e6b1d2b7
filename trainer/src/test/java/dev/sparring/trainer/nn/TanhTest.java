package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TanhTest {
    @Test
    void shouldAgreeWithMathTanhToTheLastBitsAcrossTheRange() {
        final int n = 40_001;
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = -25.0 + 50.0 * i / (n - 1);
        }
        final double[] expected = values.clone();

        Tanh.inPlace(values, n);

        for (int i = 0; i < n; i++) {
            assertEquals(Math.tanh(expected[i]), values[i], 2.3e-16, "tanh(" + expected[i] + ")");
            assertEquals(Tanh.of(expected[i]), values[i], 0.0, "vector lanes and the scalar tail agree bit for bit");
        }
    }

    @Test
    void shouldSaturateAndPropagateNaN() {
        final double[] values = {1e6, -1e6, Double.POSITIVE_INFINITY, Double.NaN, 0.0};

        Tanh.inPlace(values, values.length);

        assertEquals(1.0, values[0], 0.0);
        assertEquals(-1.0, values[1], 0.0);
        assertEquals(1.0, values[2], 0.0);
        assertEquals(Double.NaN, values[3]);
        assertEquals(0.0, values[4], 0.0);
    }
}
