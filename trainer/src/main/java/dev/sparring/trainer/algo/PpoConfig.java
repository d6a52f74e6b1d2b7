package dev.sparring.trainer.algo;

/**
 * Proximal Policy Optimization (Schulman et al. 2017) with the clipped surrogate objective.
 *
 * @param gamma               the discount γ, in [0, 1].
 * @param lambda              the GAE parameter λ, in [0, 1].
 * @param epochs              passes over each rollout, ≥ 1.
 * @param minibatches         minibatches per pass; must divide the rollout size.
 * @param learningRate        Adam's step size α, > 0.
 * @param adamEpsilon         Adam's ε, > 0.
 * @param clipRange           the ratio clip ε of {@code min(r A, clip(r, 1 − ε, 1 + ε) A)}, > 0.
 * @param clipValueLoss       whether the value loss also takes the worse of the clipped and unclipped value.
 * @param entropyCoefficient  the weight of the entropy bonus, ≥ 0.
 * @param valueCoefficient    the weight of the value loss {@code ½(V − R)²}, > 0.
 * @param maxGradNorm         the global gradient-norm clip over all parameters, > 0.
 * @param targetKl            stop the update when a minibatch's approximate KL exceeds this, > 0
 *                            ({@link Double#POSITIVE_INFINITY} for never).
 * @param normalizeAdvantages whether advantages are standardised per minibatch.
 * @param annealLearningRate  whether the learning rate falls linearly over the run, as CleanRL's {@code anneal_lr}:
 *                            {@code α · (1 − (i − 1)/N)} in update {@code i} of {@code N} ({@link #learningRate(long,
 *                            long)}); off by default.
 */
public record PpoConfig(double gamma, double lambda, int epochs, int minibatches, double learningRate,
    double adamEpsilon, double clipRange, boolean clipValueLoss, double entropyCoefficient, double valueCoefficient,
    double maxGradNorm, double targetKl, boolean normalizeAdvantages, boolean annealLearningRate) {

    /** Validates the fields. */
    public PpoConfig {
        Checks.unitInterval("ppo.gamma", gamma);
        Checks.unitInterval("ppo.lambda", lambda);
        Checks.atLeastOne("ppo.epochs", epochs);
        Checks.atLeastOne("ppo.minibatches", minibatches);
        Checks.positive("ppo.learningRate", learningRate);
        Checks.positive("ppo.adamEpsilon", adamEpsilon);
        Checks.positive("ppo.clipRange", clipRange);
        Checks.nonNegative("ppo.entropyCoefficient", entropyCoefficient);
        Checks.positive("ppo.valueCoefficient", valueCoefficient);
        Checks.positive("ppo.maxGradNorm", maxGradNorm);
        Checks.positive("ppo.targetKl", targetKl);
    }

    /**
     * Sparring's default: CleanRL's, but 4 epochs × 8 minibatches instead of 10 × 32. The update was about 80 % of
     * the wall time with CleanRL's; fewer passes over larger minibatches reached the inverted pendulum's 950 in about
     * as many steps (median 40 960 over 5 seeds) in a fifth of the time (docs/benchmarks.md).
     *
     * @return the defaults.
     */
    public static PpoConfig fast() {
        return new PpoConfig(0.99, 0.95, 4, 8, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5, Double.POSITIVE_INFINITY,
            true, false);
    }

    /**
     * The learning rate of one update: {@code learningRate} throughout, or with {@code annealLearningRate} CleanRL's
     * linear schedule {@code learningRate · (1 − (iteration − 1)/iterations)}, from the full rate in the first update
     * to {@code learningRate/iterations} in the last.
     *
     * @param iteration  the update, from 1.
     * @param iterations the updates the run will make.
     * @return Adam's step size α for that update.
     * @throws IllegalArgumentException when annealing and {@code iteration} is not in {@code [1, iterations]} (past
     *                                  the planned updates the rate would be 0 or negative).
     */
    public double learningRate(final long iteration, final long iterations) {
        if (!annealLearningRate) {
            return learningRate;
        }
        if (iteration < 1 || iteration > iterations) {
            throw new IllegalArgumentException("ppo.annealLearningRate plans " + iterations + " updates, but update "
                + iteration + " was asked for");
        }
        return (1.0 - (iteration - 1.0) / iterations) * learningRate;
    }

    /**
     * Checks the configuration against a rollout size.
     *
     * @param batchSize the rows of a rollout.
     * @return the minibatch size.
     */
    public int minibatchSize(final int batchSize) {
        if (batchSize % minibatches != 0) {
            throw new IllegalArgumentException("ppo.minibatches must divide the batch size " + batchSize + ", was "
                + minibatches);
        }
        return batchSize / minibatches;
    }
}
