package dev.sparring.trainer.colearn;

import dev.sparring.hal.random.SplitMix64;

/**
 * A synthetic robot type for the tests: {@code s' = A s + B a + c + σ_S ε} and {@code r = w_Rᵀ (s, a) + b_R + σ_R η},
 * with standard normal ε, η, and inputs s, a drawn standard normal (the window's input distribution).
 */
record LinearGaussianSystem(int observationSize, int actionSize, double[] a, double[] b, double[] c, double sigmaS,
                            double[] rewardWeights, double rewardBias, double sigmaR) {
    /** Two-state, one-action types distinct in dynamics, noise and reward. */
    static final LinearGaussianSystem[] TYPES = {
        new LinearGaussianSystem(2, 1, new double[] {0.9, 0.1, 0.0, 0.8}, new double[] {0.0, 0.5},
            new double[] {0.0, 0.0}, 0.05, new double[] {1.0, 0.0, 0.0}, 0.0, 0.1),
        new LinearGaussianSystem(2, 1, new double[] {0.6, -0.4, 0.3, 0.7}, new double[] {0.4, 0.1},
            new double[] {0.2, 0.0}, 0.05, new double[] {0.0, 1.0, 0.5}, 0.5, 0.1),
        new LinearGaussianSystem(2, 1, new double[] {0.9, 0.1, 0.0, 0.8}, new double[] {0.0, -0.5},
            new double[] {0.0, -0.3}, 0.3, new double[] {-1.0, 0.0, 0.0}, -0.5, 0.3),
    };

    /**
     * Fills tuples {@code from..to} of the arrays with this type's transitions.
     */
    void sample(final SplitMix64 random, final double[] s, final double[] actions, final double[] r,
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
     * @return a window of {@code count} tuples of this type.
     */
    TransitionWindow window(final SplitMix64 random, final int count) {
        return switching(random, count, count, this);
    }

    /**
     * @return a window whose first {@code switchAt} tuples come from this type and the rest from {@code after}.
     */
    TransitionWindow switching(final SplitMix64 random, final int count, final int switchAt,
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
