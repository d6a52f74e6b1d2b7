package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void shouldConvergeToMinimiserOfConvexQuadratic() {
        // f(θ) = Σ aᵢ (θᵢ - cᵢ)², minimised at θ = c.
        final double[] a = {1.0, 10.0, 0.5};
        final double[] c = {3.0, -2.0, 0.25};
        final double[] theta = {0.0, 0.0, 0.0};
        final double[] g = new double[3];
        final Adam adam = new Adam(3, 0.05, 0.9, 0.999, 1e-8);
        for (int step = 0; step < 5000; step++) {
            for (int i = 0; i < 3; i++) {
                g[i] = 2.0 * a[i] * (theta[i] - c[i]);
            }
            adam.step(theta, g);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(c[i], theta[i], 1e-4, "θ" + i);
        }
        assertEquals(5000L, adam.steps());
    }

    @Test
    void shouldMoveEachParameterByLearningRateOnFirstStep() {
        // With bias correction, m̂ = g and v̂ = g² at t = 1, so the first step is α·sign(g) up to ε.
        final double[] theta = {1.0, 1.0};
        final Adam adam = new Adam(2, 0.1, 0.9, 0.999, 1e-12);
        adam.step(theta, new double[] {4.0, -0.01});
        assertEquals(0.9, theta[0], 1e-9);
        assertEquals(1.1, theta[1], 1e-9);
    }

    @Test
    void shouldStepByTheLearningRateSetBeforeTheStep() {
        final double[] theta = {1.0};
        final Adam adam = new Adam(1, 0.1, 0.9, 0.999, 1e-12);
        adam.step(theta, new double[] {2.0});
        adam.learningRate(0.025);
        adam.step(theta, new double[] {2.0});
        // A constant gradient keeps m̂/√v̂ at 1, so the steps are α each: 0.1, then 0.025.
        assertEquals(1.0 - 0.1 - 0.025, theta[0], 1e-9);
        assertEquals(0.025, adam.learningRate());
    }
}
