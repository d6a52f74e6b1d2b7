package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.nn.Mlp;
import org.junit.jupiter.api.Test;

class RolloutCollectorTest {
    private static final int[] HIDDEN = {8};

    @Test
    void shouldBootstrapTruncatedEpisodeFromValueOfFinalObservation() {
        try (RolloutCollector collector = new RolloutCollector(PointEnv.many(2, 3), 5, 1, 4L)) {
            final GaussianPolicy policy = policy(1, 1.0);
            final Mlp value = Networks.value(2, HIDDEN, 16, 2L);
            final RolloutBuffer buffer = new RolloutBuffer(2, 5, 2, 1);

            collector.collect(policy, value, Role.PROTAGONIST, null, buffer);

            for (int e = 0; e < 2; e++) {
                // Episodes of 3 steps: the third step (t = 2) truncates, t = 3 starts a new episode.
                final int truncatedRow = buffer.row(e, 2);
                assertTrue(buffer.truncated(truncatedRow));
                assertFalse(buffer.terminated(truncatedRow));
                assertEquals(0.0, buffer.rawObservations()[buffer.row(e, 3) * 2 + 1], "step counter after reset");
                // V(s_final) of the observation the third step returned, before the reset replaced it.
                final double[] finalObservation = {finalX(buffer, e), 3.0};
                final double[] normalized = new double[2];
                policy.normalize(finalObservation, 0, normalized, 1);
                assertEquals(value.forward(normalized, 1)[0], buffer.bootstrapValues()[truncatedRow], 1e-15);
                assertFalse(Double.isNaN(buffer.episodeReturn(truncatedRow)));
                assertTrue(Double.isNaN(buffer.episodeReturn(buffer.row(e, 1))));
            }
        }
    }

    @Test
    void shouldGiveAdversaryTheNegativeRewardAndRecordProtagonistReturns() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(4, 1.5, true), 8, 2, 4L)) {
            final GaussianPolicy protagonist = GaussianPolicy.create(1, 1, HIDDEN, new double[] {1.0}, 10.0, 4, 1L);
            final GaussianPolicy adversary = GaussianPolicy.create(1, 1, HIDDEN, new double[] {1.0}, 10.0, 4, 2L);
            final Mlp value = Networks.value(1, HIDDEN, 4, 3L);
            final RolloutBuffer buffer = new RolloutBuffer(4, 8, 1, 1);

            collector.collect(adversary, value, Role.ADVERSARY, protagonist, buffer);

            for (int row = 0; row < buffer.size(); row++) {
                assertTrue(buffer.rewards()[row] >= 0.0, "the adversary earns the squared error");
                assertEquals(-buffer.rewards()[row], buffer.episodeReturn(row), 0.0,
                    "episodes are scored for the protagonist");
            }
        }
    }

    @Test
    void shouldRequireOpponentWhenLearningTheAdversary() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(2, 1.5, true), 4, 1, 4L)) {
            final GaussianPolicy adversary = GaussianPolicy.create(1, 1, HIDDEN, new double[] {1.0}, 10.0, 2, 2L);
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> collector.collect(adversary, Networks.value(1, HIDDEN, 2, 3L), Role.ADVERSARY, null,
                    new RolloutBuffer(2, 4, 1, 1)));
            assertEquals("an adversary learner needs the protagonist's policy as opponent", error.getMessage());
        }
    }

    @Test
    void shouldCollectTheSameRolloutWithOneOrTwoWorkers() {
        final RolloutBuffer one = collectTwice(1);
        final RolloutBuffer two = collectTwice(2);

        assertArrayEquals(one.rawObservations(), two.rawObservations(), 0.0);
        assertArrayEquals(one.actions(), two.actions(), 0.0);
        assertArrayEquals(one.logProbs(), two.logProbs(), 0.0);
        assertArrayEquals(one.rewards(), two.rewards(), 0.0);
        assertArrayEquals(one.values(), two.values(), 0.0);
        assertArrayEquals(one.lastValues(), two.lastValues(), 0.0);
    }

    @Test
    void shouldReachIdenticalParametersFromTheSameSeedWithTwoWorkers() {
        final double[] first = trainTwoIterations();
        final double[] second = trainTwoIterations();

        assertArrayEquals(first, second, 0.0);
    }

    private static double[] trainTwoIterations() {
        try (RolloutCollector collector = new RolloutCollector(PointEnv.many(6, 20), 32, 2, 9L)) {
            final PpoConfig config = new PpoConfig(0.99, 0.95, 2, 4, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
                Double.POSITIVE_INFINITY, true, false);
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, 2, 1L);
            learner.iterate();
            learner.iterate();
            final double[] parameters = new double[learner.policy().parameterCount() + learner.value()
                .parameterCount()];
            learner.policy().copyParameters(parameters, 0);
            System.arraycopy(learner.value().parameters(), 0, parameters, learner.policy().parameterCount(),
                learner.value().parameterCount());
            return parameters;
        }
    }

    private static RolloutBuffer collectTwice(final int workers) {
        try (RolloutCollector collector = new RolloutCollector(PointEnv.many(5, 7), 6, workers, 3L)) {
            final GaussianPolicy protagonist = policy(1, 1.0);
            final GaussianPolicy adversary = GaussianPolicy.create(2, 1, HIDDEN, new double[] {0.5}, 10.0, 16, 8L);
            final Mlp value = Networks.value(2, HIDDEN, 16, 2L);
            final RolloutBuffer buffer = new RolloutBuffer(5, 6, 2, 1);
            collector.collect(protagonist, value, Role.PROTAGONIST, adversary, buffer);
            collector.collect(protagonist, value, Role.PROTAGONIST, adversary, buffer);
            return buffer;
        }
    }

    private static GaussianPolicy policy(final int actionSize, final double scale) {
        return GaussianPolicy.create(2, actionSize, HIDDEN, new double[] {scale}, 10.0, 16, 1L);
    }

    /** The x after the truncating step (t = 2): that row's x plus its clipped move. */
    private static double finalX(final RolloutBuffer buffer, final int env) {
        final int row = buffer.row(env, 2);
        final double action = Math.max(-1.0, Math.min(1.0, buffer.actions()[row]));
        return buffer.rawObservations()[row * 2] + 0.1 * action;
    }
}
