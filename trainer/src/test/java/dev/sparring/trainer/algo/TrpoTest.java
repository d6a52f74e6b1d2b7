package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;
import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class TrpoTest {
    private static final double TARGET = 1.5;

    @Test
    void shouldMatchFisherVectorProductWithFiniteDifferenceHessianOfMeanKl() {
        final int batch = 5;
        final GaussianPolicy policy = GaussianPolicy.create(3, 2, new int[] {4}, new double[] {1.0, 1.0}, 10.0,
            batch, 11L);
        final SplitMix64 rng = new SplitMix64(5L);
        for (int k = 0; k < policy.mean().parameterCount(); k++) {
            policy.mean().parameters()[k] = 0.8 * rng.nextGaussian();
        }
        policy.head().logStd()[0] = 0.3;
        policy.head().logStd()[1] = -0.4;
        final double[] observations = new double[batch * 3];
        for (int k = 0; k < observations.length; k++) {
            observations[k] = rng.nextGaussian();
        }
        final Mlp value = Networks.value(3, new int[] {4}, batch, 12L);
        final int n = policy.parameterCount();
        final double[] theta0 = new double[n];
        policy.copyParameters(theta0, 0);
        final double[] oldMean = policy.mean().forward(observations, batch).clone();
        final double[] oldLogStd = policy.head().logStd().clone();

        final double[][] fisher = new double[n][n];
        try (ParallelRunner runner = new ParallelRunner(2, "fisher-test")) {
            final Trpo trpo = new Trpo(new TrpoConfig(0.99, 0.95, 0.01, 10, 0.0, 10, 0.5, 1e-3, 1, 1, true), policy,
                value, batch, 13L, runner);
            trpo.linearizeAt(observations);
            final double[] basis = new double[n];
            for (int j = 0; j < n; j++) {
                basis[j] = 1.0;
                trpo.fisherVectorProduct(basis, fisher[j]);
                basis[j] = 0.0;
            }
        }

        final double epsilon = 1e-3;
        double largest = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                largest = Math.max(largest, Math.abs(fisher[i][j]));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // uᵀHv from the even part of the KL along u ± v (f(θ₀) = 0 and ∇f(θ₀) = 0 at the old policy).
                final double plus = meanKl(policy, theta0, i, j, 1.0, epsilon, observations, oldMean, oldLogStd)
                    + meanKl(policy, theta0, i, j, 1.0, -epsilon, observations, oldMean, oldLogStd);
                final double minus = meanKl(policy, theta0, i, j, -1.0, epsilon, observations, oldMean, oldLogStd)
                    + meanKl(policy, theta0, i, j, -1.0, -epsilon, observations, oldMean, oldLogStd);
                final double hessian = (plus - minus) / (4.0 * epsilon * epsilon);
                assertEquals(hessian, fisher[i][j], 1e-5 * largest, "F[" + i + "][" + j + "]");
            }
        }
        assertEquals(2.0, fisher[n - 1][n - 1], 1e-12, "the log σ block is 2·I");
    }

    @Test
    void shouldRestoreOldParametersWhenEveryStepBreaksTheTrustRegion() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(4, TARGET, false), 16, 1, 1L)) {
            // δ = 100 nats and a single step size: the quadratic model of the KL says the full natural step stays
            // within δ, the exact KL of so large a step is 117, and there is no smaller step to fall back on.
            final TrpoConfig config = new TrpoConfig(0.99, 0.95, 100.0, 10, 0.1, 1, 0.5, 1e-3, 1, 1, true);
            final OnPolicyLearner learner = OnPolicyLearner.trpo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, 2L);
            final double[] before = new double[learner.policy().parameterCount()];
            learner.policy().copyParameters(before, 0);

            final IterationMetrics metrics = learner.iterate();

            final double[] after = new double[before.length];
            learner.policy().copyParameters(after, 0);
            assertEquals(-1, metrics.lineSearchSteps());
            assertArrayEquals(before, after, 0.0);
        }
    }

    @Test
    void shouldRestoreOldParametersWhenNoStepImprovesTheSurrogate() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(4, TARGET, false), 16, 1, 1L)) {
            final TrpoConfig config = new TrpoConfig(0.99, 0.95, 0.01, 10, 0.1, 5, 0.5, 1e-3, 1, 1, false);
            final OnPolicyLearner learner = OnPolicyLearner.trpo(collector, Role.PROTAGONIST,
                new PolicyConfig(new int[] {8}, false, 10.0, false, 10.0, false), config, 2L);
            final double[] before = new double[learner.policy().parameterCount()];
            learner.policy().copyParameters(before, 0);
            // A surrogate that cannot improve: advantages +1 on even rows and −1 on odd rows, each pair the same
            // state and action, so every step changes the two ratios alike and L stays at 0.
            final RolloutBuffer buffer = learner.buffer();
            collector.collect(learner.policy(), learner.value(), Role.PROTAGONIST, null, buffer);
            for (int row = 0; row < buffer.size(); row += 2) {
                System.arraycopy(buffer.observations(), row, buffer.observations(), row + 1, 1);
                buffer.actions()[row + 1] = buffer.actions()[row];
                buffer.logProbs()[row + 1] = buffer.logProbs()[row];
                buffer.advantages()[row] = 1.0;
                buffer.advantages()[row + 1] = -1.0;
            }
            final IterationMetrics metrics = new IterationMetrics();

            learner.optimizer().update(buffer, metrics);

            final double[] after = new double[before.length];
            learner.policy().copyParameters(after, 0);
            assertEquals(-1, metrics.lineSearchSteps());
            assertArrayEquals(before, after, 0.0);
        }
    }

    @Test
    void shouldSolveOneStepBanditToNearOptimal() {
        try (RolloutCollector collector = new RolloutCollector(BanditEnv.many(8, TARGET, false), 32, 2, 7L)) {
            final TrpoConfig config = new TrpoConfig(0.99, 0.95, 0.05, 10, 0.1, 10, 0.8, 3e-3, 5, 4, true);
            final OnPolicyLearner learner = OnPolicyLearner.trpo(collector, Role.PROTAGONIST,
                PolicyConfig.defaults(), config, 3L);
            IterationMetrics metrics = null;
            for (int i = 0; i < 15; i++) {
                metrics = learner.iterate();
                assertTrue(metrics.approxKl() <= 0.05, "accepted steps respect δ, was " + metrics.approxKl());
            }
            final double[] action = new double[1];
            learner.policy().deterministic(new double[] {0.3}, action);
            assertEquals(TARGET, action[0], 0.1);
            assertTrue(metrics.meanEpisodicReturn() > -0.3, "mean return " + metrics.meanEpisodicReturn());
        }
    }

    private static double meanKl(final GaussianPolicy policy, final double[] theta0, final int i, final int j,
        final double sign, final double epsilon, final double[] observations, final double[] oldMean,
        final double[] oldLogStd) {
        final double[] theta = theta0.clone();
        theta[i] += epsilon;
        theta[j] += sign * epsilon;
        policy.setParameters(theta, 0);
        final int batch = observations.length / 3;
        final double[] mu = policy.mean().forward(observations, batch);
        double sum = 0.0;
        for (int s = 0; s < batch; s++) {
            sum += DiagonalGaussian.kl(oldMean, oldLogStd, mu, policy.head().logStd(), s * 2, 2);
        }
        policy.setParameters(theta0, 0);
        return sum / batch;
    }
}
