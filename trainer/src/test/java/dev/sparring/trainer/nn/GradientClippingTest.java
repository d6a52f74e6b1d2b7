package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GradientClippingTest {
    @Test
    void shouldScaleGlobalNormToLimitExactly() {
        final double[] g = {3.0, 4.0, 12.0};
        final double normBefore = GradientClipping.clipGlobalNorm(g, 6.5);
        assertEquals(13.0, normBefore, 0.0);
        assertArrayEquals(new double[] {1.5, 2.0, 6.0}, g, 1e-15);
        assertEquals(6.5, Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]), 1e-15);
    }

    @Test
    void shouldLeaveGradientBelowLimitUnchanged() {
        final double[] g = {3.0, 4.0};
        assertEquals(5.0, GradientClipping.clipGlobalNorm(g, 5.5), 0.0);
        assertArrayEquals(new double[] {3.0, 4.0}, g, 0.0);
    }
}
