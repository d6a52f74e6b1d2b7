package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PpoConfigTest {
    private static final double ALPHA = 3e-4;

    private static PpoConfig config(final boolean anneal) {
        return new PpoConfig(0.99, 0.95, 2, 4, ALPHA, 1e-5, 0.2, true, 0.0, 0.5, 0.5, Double.POSITIVE_INFINITY, true,
            anneal);
    }

    @Test
    void shouldAnnealLinearlyAsCleanRlFromTheFullRateToOneNthInTheLastUpdate() {
        final PpoConfig annealed = config(true);
        // CleanRL: frac = 1 − (iteration − 1)/num_iterations; lr = frac × learning_rate, iterations from 1.
        assertEquals(ALPHA, annealed.learningRate(1, 488), 0.0, "the first update takes the full rate");
        assertEquals(ALPHA * (1.0 - 244.0 / 488.0), annealed.learningRate(245, 488), 1e-20, "the middle one half");
        assertEquals(ALPHA * 0.5, annealed.learningRate(245, 488), 1e-20);
        assertEquals(ALPHA / 488.0, annealed.learningRate(488, 488), 1e-20, "the last one 1/N");
    }

    @Test
    void shouldKeepTheRateConstantWithoutAnnealing() {
        final PpoConfig constant = config(false);
        assertEquals(ALPHA, constant.learningRate(1, 488), 0.0);
        assertEquals(ALPHA, constant.learningRate(488, 488), 0.0);
        assertEquals(ALPHA, constant.learningRate(10_000, 488), 0.0, "past the plan too: nothing changes");
    }

    @Test
    void shouldRefuseAnUpdatePastThePlanWhenAnnealing() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> config(true).learningRate(489, 488));
        assertEquals("ppo.annealLearningRate plans 488 updates, but update 489 was asked for", e.getMessage());
    }

    @Test
    void shouldNotAnnealByDefault() {
        assertFalse(PpoConfig.fast().annealLearningRate());
        assertTrue(config(true).annealLearningRate());
    }
}
