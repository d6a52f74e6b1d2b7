package dev.sparring.trainer.colearn;

import dev.sparring.hal.random.SplitMix64;

/**
 * A synthetic robot type for tests and benchmarks: {@code s' = A s + B a + c + σ_S ε} and
 * {@code r = w_Rᵀ (s, a) + b_R + σ_R η}, with standard normal ε, η, and inputs s, a drawn standard normal (the
 * window's input distribution).
 *
 * @param observationSize n_s.
 * @param actionSize      n_a.
 * @param a               A, row-major {@code n_s × n_s}.
 * @param b               B, row-major {@code n_s × n_a}.
 * @param c               c, {@code n_s}.
 * @param sigmaS          σ_S, the transitions' noise.
 * @param rewardWeights   w_R, {@code n_s + n_a}.
 * @param rewardBias      b_R.
 * @param sigmaR          σ_R, the rewards' noise.
 */
public record LinearGaussianSystem(int observationSize, int actionSize, double[] a, double[] b, double[] c,
                                   double sigmaS, double[] rewardWeights, double rewardBias, double sigmaR) {
    /** Two-state, one-action types distinct in dynamics, noise and reward (the unit tests' fleet). */
    static final LinearGaussianSystem[] TYPES = {
        new LinearGaussianSystem(2, 1, new double[] {0.9, 0.1, 0.0, 0.8}, new double[] {0.0, 0.5},
            new double[] {0.0, 0.0}, 0.05, new double[] {1.0, 0.0, 0.0}, 0.0, 0.1),
        new LinearGaussianSystem(2, 1, new double[] {0.6, -0.4, 0.3, 0.7}, new double[] {0.4, 0.1},
            new double[] {0.2, 0.0}, 0.05, new double[] {0.0, 1.0, 0.5}, 0.5, 0.1),
        new LinearGaussianSystem(2, 1, new double[] {0.9, 0.1, 0.0, 0.8}, new double[] {0.0, -0.5},
            new double[] {0.0, -0.3}, 0.3, new double[] {-1.0, 0.0, 0.0}, -0.5, 0.3),
    };

    /**
     * A type drawn at random: A = 0.8 I plus normal entries of standard deviation 0.2, B, c and w_R normal (0.5, 0.2
     * and 1), b_R normal, σ_S uniform in [0.05, 0.3] and σ_R in [0.05, 0.2].
     *
     * @param observationSize n_s, ≥ 1.
     * @param actionSize      n_a, ≥ 0.
     * @param random          the draws' generator.
     * @return the type.
     */
    public static LinearGaussianSystem random(final int observationSize, final int actionSize,
                                              final SplitMix64 random) {
        final int ns = observationSize;
        final double[] a = new double[ns * ns];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i / ns == i % ns ? 0.8 : 0.0) + 0.2 * random.nextGaussian();
        }
        final double[] b = gaussians(random, ns * actionSize, 0.5);
        final double[] c = gaussians(random, ns, 0.2);
        final double sigmaS = random.uniform(0.05, 0.3);
        final double[] rewardWeights = gaussians(random, ns + actionSize, 1.0);
        return new LinearGaussianSystem(ns, actionSize, a, b, c, sigmaS, rewardWeights, random.nextGaussian(),
            random.uniform(0.05, 0.2));
    }

    private static double[] gaussians(final SplitMix64 random, final int count, final double sigma) {
        final double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = sigma * random.nextGaussian();
        }
        return values;
    }

    /**
     * Fills tuples {@code from..to} of the arrays with this type's transitions.
     *
     * @param random  the draws' generator.
     * @param s       the observations s, {@code n_s} per tuple.
     * @param actions the actions a, {@code n_a} per tuple.
     * @param r       the rewards.
     * @param next    the next observations s'.
     * @param from    the first tuple filled.
     * @param to      one past the last.
     */
    public void sample(final SplitMix64 random, final double[] s, final double[] actions, final double[] r,
                final double[] next, final int from, final int to) {
        final int ns = observationSize;
        final int na = actionSize;
        for (int t = from; t < to; t++) {
            for (int i = 0; i < ns; i++) {
                s[t * ns + i] = random.nextGaussian();
            }
            for (int j = 0; j < na; j++) {
                actions[t * na + j] = random.nextGaussian();
            }
            for (int i = 0; i < ns; i++) {
                double value = c[i] + sigmaS * random.nextGaussian();
                for (int k = 0; k < ns; k++) {
                    value += a[i * ns + k] * s[t * ns + k];
                }
                for (int j = 0; j < na; j++) {
                    value += b[i * na + j] * actions[t * na + j];
                }
                next[t * ns + i] = value;
            }
            double reward = rewardBias + sigmaR * random.nextGaussian();
            for (int k = 0; k < ns; k++) {
                reward += rewardWeights[k] * s[t * ns + k];
            }
            for (int j = 0; j < na; j++) {
                reward += rewardWeights[ns + j] * actions[t * na + j];
            }
            r[t] = reward;
        }
    }

    /**
     * @param random the draws' generator.
     * @param count  the tuples.
     * @return a window of {@code count} tuples of this type.
     */
    public TransitionWindow window(final SplitMix64 random, final int count) {
        return switching(random, count, count, this);
    }

    /**
     * @param random   the draws' generator.
     * @param count    the tuples.
     * @param switchAt the tuples drawn from this type, at the start.
     * @param after    the type of the rest.
     * @return a window whose first {@code switchAt} tuples come from this type and the rest from {@code after}.
     */
    public TransitionWindow switching(final SplitMix64 random, final int count, final int switchAt,
                               final LinearGaussianSystem after) {
        final double[] s = new double[count * observationSize];
        final double[] actions = new double[count * actionSize];
        final double[] r = new double[count];
        final double[] next = new double[count * observationSize];
        sample(random, s, actions, r, next, 0, switchAt);
        after.sample(random, s, actions, r, next, switchAt, count);
        return new TransitionWindow(count, observationSize, actionSize, s, actions, r, next);
    }
}
