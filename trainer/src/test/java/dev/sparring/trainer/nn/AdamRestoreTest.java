package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamRestoreTest {
    @Test
    void shouldContinueBitForBitFromRestoredMomentsAndStepCount() {
        final Adam original = new Adam(2, 0.1, 0.9, 0.999, 1e-8);
        final double[] theta = {1.0, -2.0};
        for (int k = 0; k < 3; k++) {
            original.step(theta, gradient(theta));
        }
        final Adam restored = new Adam(2, 0.1, 0.9, 0.999, 1e-8);
        System.arraycopy(original.firstMoment(), 0, restored.firstMoment(), 0, 2);
        System.arraycopy(original.secondMoment(), 0, restored.secondMoment(), 0, 2);
        restored.restoreSteps(original.steps());
        final double[] copy = theta.clone();

        for (int k = 0; k < 4; k++) {
            original.step(theta, gradient(theta));
            restored.step(copy, gradient(copy));
        }

        assertArrayEquals(theta, copy, 0.0);
        assertEquals(7L, restored.steps());
    }

    private static double[] gradient(final double[] theta) {
        return new double[] {2.0 * theta[0], 6.0 * theta[1] * theta[1]};
    }
}
