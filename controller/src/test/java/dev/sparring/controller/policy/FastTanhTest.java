package dev.sparring.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastTanhTest {
    private static final double BOUND = 4e-7;

    @Test
    void shouldStayWithinErrorBoundOfMathTanhOnDenseGrid() {
        final int count = 4_000_000;
        final int padded = (count + DenseKernels.LANES - 1) / DenseKernels.LANES * DenseKernels.LANES;
        final float[] x = new float[padded];
        for (int i = 0; i < count; i++) {
            x[i] = -20.0f + 40.0f * i / (count - 1);
        }
        final float[] y = x.clone();
        FastTanh.applyInPlace(y, padded);
        double worst = 0;
        float worstX = 0;
        for (int i = 0; i < count; i++) {
            final double error = Math.abs(y[i] - Math.tanh(x[i]));
            if (error > worst) {
                worst = error;
                worstX = x[i];
            }
        }
        assertTrue(worst < BOUND, "max |error| " + worst + " at x = " + worstX);
    }

    @Test
    void shouldStayWithinErrorBoundNearZeroAndAtEveryFloatOfTheSteepPart() {
        final float[] x = new float[1 << 16];
        int n = 0;
        for (float v = 1e-30f; v < 0.5f && n < x.length - DenseKernels.LANES; v *= 1.01f) {
            x[n++] = v;
        }
        final int padded = (n + DenseKernels.LANES - 1) / DenseKernels.LANES * DenseKernels.LANES;
        final float[] y = x.clone();
        FastTanh.applyInPlace(y, padded);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.tanh(x[i]), y[i], BOUND, "x = " + x[i]);
        }
    }

    @Test
    void shouldBeOddSaturateAtInfinityAndPropagateNaN() {
        final int lanes = DenseKernels.LANES;
        final float[] x = new float[Math.max(lanes, 8)];
        final float[] special = {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3.25f,
            -3.25f, Float.MAX_VALUE};
        System.arraycopy(special, 0, x, 0, special.length);
        final float[] y = x.clone();
        FastTanh.applyInPlace(y, x.length);
        assertEquals(0.0f, y[0]);
        assertEquals(1.0, y[2], BOUND);
        assertEquals(-1.0, y[3], BOUND);
        assertTrue(Float.isNaN(y[4]));
        assertEquals(-y[5], y[6]);
        assertEquals(1.0, y[7], BOUND);
    }
}
