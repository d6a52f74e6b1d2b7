package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.nn.Adam;
import org.junit.jupiter.api.Test;

class PpoTest {
    private static final double TARGET = 1.5;

    @Test
    void shouldSolveOneStepBanditToNearOptimal() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(8, TARGET, false), 32, 2, 7L)) {
            final PpoConfig config = new PpoConfig(0.99, 0.95, 10, 4, 3e-3, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
                Double.POSITIVE_INFINITY, true, false);
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, 15, 3L);
            IterationMetrics metrics = null;
            for (int i = 0; i < 15; i++) {
                metrics = learner.iterate();
            }
            final double[] action = new double[1];
            learner.policy().deterministic(new double[] {0.3}, action);
            assertEquals(TARGET, action[0], 0.1);
            assertTrue(metrics.meanEpisodicReturn() > -0.3, "mean return " + metrics.meanEpisodicReturn());
        }
    }

    @Test
    void shouldGiveAdamTheAnnealedRateOfEachUpdate() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(8, TARGET, false), 32, 2, 7L)) {
            final PpoConfig config = new PpoConfig(0.99, 0.95, 2, 4, 4e-3, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
                Double.POSITIVE_INFINITY, true, true);
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, 4, 3L);
            final Adam adam = ((Ppo) learner.optimizer()).adam();
            final double[] expected = {4e-3, 3e-3, 2e-3, 1e-3};
            for (int i = 0; i < expected.length; i++) {
                learner.iterate();
                assertEquals(expected[i], adam.learningRate(), 1e-18, "update " + (i + 1));
            }
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, learner::iterate);
            assertTrue(e.getMessage().contains("plans 4 updates"), e.getMessage());
        }
    }
}
