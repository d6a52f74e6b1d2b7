package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import org.junit.jupiter.api.Test;

class InvertedPendulumLearningTest {
    @Test
    void shouldReachMeanReturn950OnInvertedPendulumWithPpoForSeed0() {
        final Env[] envs = new Env[8];
        for (int e = 0; e < envs.length; e++) {
            envs[e] = Tasks.create("inverted_pendulum", 0.0);
        }
        // The speed configuration (./sparring bench training): CleanRL's PPO with 4 epochs of 8 minibatches of 256.
        final PpoConfig config = new PpoConfig(0.99, 0.95, 4, 8, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
            Double.POSITIVE_INFINITY, true, false);
        try (RolloutCollector collector = new RolloutCollector(envs, 256, 2, 0L)) {
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, Long.MAX_VALUE, 0L);
            IterationMetrics metrics;
            do {
                metrics = learner.iterate();
            } while (!(metrics.meanEpisodicReturn() >= 950.0) && metrics.totalSteps() < 80_000);

            assertTrue(metrics.meanEpisodicReturn() >= 950.0, "mean return of the last 10 episodes after "
                + metrics.totalSteps() + " steps was " + metrics.meanEpisodicReturn());
        }
    }
}
