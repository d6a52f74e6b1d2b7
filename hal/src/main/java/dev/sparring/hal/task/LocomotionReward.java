package dev.sparring.hal.task;

/**
 * The reward of Gymnasium's locomotion tasks (v4) for one environment step:
 * {@code forwardWeight · forward velocity + healthyReward − ctrlCostWeight · Σ ctrl²}. Hopper, Walker2d, HalfCheetah
 * and Swimmer differ only in the weights (HalfCheetah and Swimmer pay no healthy reward); the InvertedPendulum's
 * {@code +1} per step is {@code healthyReward = 1} with the other weights 0. The trainer's MuJoCo tasks and the
 * controller's on-board reward both evaluate this one formula.
 *
 * @param forwardWeight  weight of the forward velocity (m/s), finite.
 * @param healthyReward  reward of every step, the terminating one included (v4), finite.
 * @param ctrlCostWeight weight of the sum of squared controls, finite and &gt;= 0.
 */
public record LocomotionReward(double forwardWeight, double healthyReward, double ctrlCostWeight) {
    /** Checks the weights. */
    public LocomotionReward {
        if (!Double.isFinite(forwardWeight) || !Double.isFinite(healthyReward)) {
            throw new IllegalArgumentException("forward weight and healthy reward must be finite, were "
                + forwardWeight + " and " + healthyReward);
        }
        if (!(ctrlCostWeight >= 0) || Double.isInfinite(ctrlCostWeight)) {
            throw new IllegalArgumentException("control cost weight must be finite and >= 0, was " + ctrlCostWeight);
        }
    }

    /**
     * @param forwardVelocity the forward velocity over the step (m/s).
     * @param ctrlSquared     Σ ctrl² of the step's action, in control units (ctrl ∈ [−1, 1] for the locomotion tasks).
     * @return the step's reward.
     */
    public double reward(final double forwardVelocity, final double ctrlSquared) {
        return forwardWeight * forwardVelocity + healthyReward - ctrlCostWeight * ctrlSquared;
    }
}
