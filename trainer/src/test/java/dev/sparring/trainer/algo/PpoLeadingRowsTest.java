package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.nn.Mlp;

import org.junit.jupiter.api.Test;

/**
 * PPO over a rollout longer than its batch ({@link Ppo#update(RolloutBuffer, int, IterationMetrics)}): more rows make
 * more Adam steps of the same minibatch size, rows past the leading ones are never read, and one batch's worth of rows
 * is exactly the ordinary update.
 */
final class PpoLeadingRowsTest {
    private static final int OBSERVATIONS = 3;
    private static final int ACTIONS = 2;
    private static final int BATCH = 16;
    private static final PpoConfig CONFIG = new PpoConfig(0.99, 0.95, 2, 4, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
        Double.POSITIVE_INFINITY, true, false);

    @Test
    void shouldTakeOneAdamStepPerMinibatchOfTheLeadingRows() {
        final Learner learner = new Learner(3 * BATCH);
        learner.ppo.update(PpoRowWeightTest.filledBuffer(3 * BATCH), 2 * BATCH, new IterationMetrics());
        assertEquals(CONFIG.epochs() * 2L * CONFIG.minibatches(), learner.ppo.adam().steps());
    }

    @Test
    void shouldNeverReadRowsPastTheLeadingOnes() {
        final RolloutBuffer clean = PpoRowWeightTest.filledBuffer(3 * BATCH);
        final RolloutBuffer poisoned = PpoRowWeightTest.filledBuffer(3 * BATCH);
        for (int row = 2 * BATCH; row < 3 * BATCH; row++) {
            poisoned.advantages()[row] = Double.NaN;
            poisoned.observations()[row * OBSERVATIONS] = Double.NaN;
        }
        final Learner a = new Learner(3 * BATCH);
        final Learner b = new Learner(3 * BATCH);
        a.ppo.update(clean, 2 * BATCH, new IterationMetrics());
        b.ppo.update(poisoned, 2 * BATCH, new IterationMetrics());
        assertArrayEquals(a.value.parameters(), b.value.parameters());
        for (final double parameter : b.value.parameters()) {
            assertTrue(Double.isFinite(parameter));
        }
    }

    @Test
    void shouldMatchTheOrdinaryUpdateOverOneBatch() {
        final Learner ordinary = new Learner(BATCH);
        final Learner leading = new Learner(3 * BATCH);
        ordinary.ppo.update(PpoRowWeightTest.filledBuffer(BATCH), new IterationMetrics());
        leading.ppo.update(PpoRowWeightTest.filledBuffer(3 * BATCH), BATCH, new IterationMetrics());
        assertArrayEquals(ordinary.value.parameters(), leading.value.parameters());
    }

    @Test
    void shouldRefuseRowsThatAreNotWholeMinibatches() {
        final Learner learner = new Learner(3 * BATCH);
        final RolloutBuffer buffer = PpoRowWeightTest.filledBuffer(3 * BATCH);
        final IterationMetrics metrics = new IterationMetrics();
        assertThrows(IllegalArgumentException.class, () -> learner.ppo.update(buffer, BATCH + 1, metrics));
        assertThrows(IllegalArgumentException.class, () -> learner.ppo.update(buffer, 4 * BATCH, metrics));
        assertThrows(IllegalArgumentException.class, () -> learner.ppo.update(buffer, 0, metrics));
    }

    /** Networks and an update of minibatches of BATCH / 4 rows, taking up to {@code maxRows}. */
    private static final class Learner {
        final GaussianPolicy policy = GaussianPolicy.create(OBSERVATIONS, ACTIONS, new int[] {8}, new double[] {1, 1},
            10.0, BATCH / 4, 7);
        final Mlp value = Networks.value(OBSERVATIONS, new int[] {8}, BATCH / 4, 8);
        final Ppo ppo;

        Learner(final int maxRows) {
            ppo = new Ppo(CONFIG, policy, value, BATCH, maxRows, 1, 5, new ParallelRunner(1, "test"));
        }
    }
}
