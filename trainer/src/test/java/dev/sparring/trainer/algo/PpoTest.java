package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PpoTest {
    private static final double TARGET = 1.5;

    @Test
    void shouldSolveOneStepBanditToNearOptimal() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(8, TARGET, false), 32, 2, 7L)) {
            final PpoConfig config = new PpoConfig(0.99, 0.95, 10, 4, 3e-3, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
                Double.POSITIVE_INFINITY, true);
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, 3L);
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
}
