package dev.sparring.trainer.algo;

/**
 * Trust Region Policy Optimization (Schulman et al. 2015) with a value function fitted by regression.
 *
 * @param gamma               the discount γ, in [0, 1].
 * @param lambda              the GAE parameter λ, in [0, 1].
 * @param deltaKl             the trust region δ: the mean {@code KL(π_old ‖ π)} a step may reach, > 0.
 * @param cgIterations        conjugate gradient iterations for {@code F⁻¹ g}, ≥ 1.
 * @param cgDamping           the damping added to the Fisher matrix, {@code (F + damping·I)}, ≥ 0.
 * @param lineSearchSteps     the number of step sizes the backtracking line search tries, ≥ 1.
 * @param lineSearchShrink    the factor between successive step sizes, in (0, 1).
 * @param valueLearningRate   Adam's step size for the value regression, > 0.
 * @param valueEpochs         passes of the value regression over each rollout, ≥ 1.
 * @param valueMinibatches    minibatches per value pass; must divide the rollout size.
 * @param normalizeAdvantages whether advantages are standardised over the rollout.
 */
public record TrpoConfig(double gamma, double lambda, double deltaKl, int cgIterations, double cgDamping,
    int lineSearchSteps, double lineSearchShrink, double valueLearningRate, int valueEpochs, int valueMinibatches,
    boolean normalizeAdvantages) {

    /** Validates the fields. */
    public TrpoConfig {
        Checks.unitInterval("trpo.gamma", gamma);
        Checks.unitInterval("trpo.lambda", lambda);
        Checks.positive("trpo.deltaKl", deltaKl);
        Checks.atLeastOne("trpo.cgIterations", cgIterations);
        Checks.nonNegative("trpo.cgDamping", cgDamping);
        Checks.atLeastOne("trpo.lineSearchSteps", lineSearchSteps);
        if (!(lineSearchShrink > 0.0 && lineSearchShrink < 1.0)) {
            throw new IllegalArgumentException("trpo.lineSearchShrink must be in (0, 1), was " + lineSearchShrink);
        }
        Checks.positive("trpo.valueLearningRate", valueLearningRate);
        Checks.atLeastOne("trpo.valueEpochs", valueEpochs);
        Checks.atLeastOne("trpo.valueMinibatches", valueMinibatches);
    }

    /**
     * The RARL paper's TRPO (γ 0.995, λ 0.97, δ 0.01) with rllab's conjugate-gradient optimiser (10 iterations,
     * backtracking by 0.8 up to 15 times), damping 0.1 and Stable-Baselines3-contrib's value regression (Adam 10⁻³,
     * 10 epochs × 16 minibatches).
     *
     * @return the defaults.
     */
    public static TrpoConfig rarl() {
        return new TrpoConfig(0.995, 0.97, 0.01, 10, 0.1, 15, 0.8, 1e-3, 10, 16, true);
    }

    /**
     * Checks the configuration against a rollout size.
     *
     * @param batchSize the rows of a rollout.
     * @return the value regression's minibatch size.
     */
    public int valueMinibatchSize(final int batchSize) {
        if (batchSize % valueMinibatches != 0) {
            throw new IllegalArgumentException("trpo.valueMinibatches must divide the batch size " + batchSize
                + ", was " + valueMinibatches);
        }
        return batchSize / valueMinibatches;
    }
}
