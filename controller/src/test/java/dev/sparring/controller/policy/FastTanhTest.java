package dev.sparring.controller.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTanhTest {

    @Test
    void shouldStayWithinDocumentedErrorBoundOnDenseGrid() {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            final float x = i * 1e-5f;
            worst = Math.max(worst, Math.abs(FastTanh.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst <= 2.5e-7, "max |FastTanh - tanh| on [-20, 20] was " + worst);
    }

    @Test
    void shouldSaturateOddAndPropagateNaN() {
        assertEquals(1.0f, FastTanh.tanh(1e30f), 3e-8);
        assertEquals(-1.0f, FastTanh.tanh(Float.NEGATIVE_INFINITY), 3e-8);
        assertEquals(0.0f, FastTanh.tanh(0.0f));
        for (float x = 0.001f; x < 12; x *= 1.1f) {
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x), 0.0f, "odd at " + x);
        }
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
    }

    @Test
    void shouldApplyInPlaceToArrayPrefix() {
        final float[] values = {0.5f, -2f, 7f, 100f};
        FastTanh.tanh(values, 3);
        assertEquals(Math.tanh(0.5), values[0], 2.5e-7);
        assertEquals(Math.tanh(-2), values[1], 2.5e-7);
        assertEquals(Math.tanh(7), values[2], 2.5e-7);
        assertEquals(100f, values[3], "beyond length: untouched");
    }
}
