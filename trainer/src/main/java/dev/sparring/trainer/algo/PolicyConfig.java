package dev.sparring.trainer.algo;

/**
 * The shape of a learner's networks and the normalisation around them, shared by PPO and TRPO.
 *
 * @param hiddenSizes           hidden layer widths of the policy mean and the value network (tanh).
 * @param normalizeObservations whether the policy's observation statistics follow the collected observations
 *                              (otherwise they stay at mean 0, std 1).
 * @param observationClip       standardised observations are clipped to ±this (exported with the policy).
 * @param normalizeRewards      whether rewards are divided by the running std of the discounted return.
 * @param rewardClip            normalised rewards are clipped to ±this.
 * @param unitActions           whether the protagonist acts in [−1, 1] units scaled to the action bound (RARL's rllab
 *                              convention) instead of in the task's own units (CleanRL's). The adversary always
 *                              acts in units of its force bound, so its exploration (σ = 1 at the start) scales
 *                              with the bound instead of being a fixed 1 N.
 */
public record PolicyConfig(int[] hiddenSizes, boolean normalizeObservations, double observationClip,
    boolean normalizeRewards, double rewardClip, boolean unitActions) {

    /** Validates the fields. */
    public PolicyConfig {
        if (hiddenSizes.length < 1) {
            throw new IllegalArgumentException("policy.hiddenSizes needs at least one layer");
        }
        for (int l = 0; l < hiddenSizes.length; l++) {
            if (hiddenSizes[l] < 1) {
                throw new IllegalArgumentException("policy.hiddenSizes[" + l + "] must be >= 1, was "
                    + hiddenSizes[l]);
            }
        }
        if (!(observationClip > 0.0)) {
            throw new IllegalArgumentException("policy.observationClip must be > 0, was " + observationClip);
        }
        if (!(rewardClip > 0.0)) {
            throw new IllegalArgumentException("policy.rewardClip must be > 0, was " + rewardClip);
        }
        hiddenSizes = hiddenSizes.clone();
    }

    /**
     * CleanRL's continuous-control set-up: 64-64 tanh, observation and reward normalisation with clips of 10,
     * actions in task units.
     *
     * @return the defaults.
     */
    public static PolicyConfig defaults() {
        return new PolicyConfig(new int[] {64, 64}, true, 10.0, true, 10.0, false);
    }

    /**
     * The hidden layer widths.
     *
     * @return a copy.
     */
    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }
}
