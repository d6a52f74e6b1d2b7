package dev.sparring.trainer.env;

/**
 * What one {@link Env#step} returns, written into a reusable holder so stepping allocates nothing.
 * <p>
 * {@code terminated} means the task ended on its own terms (the pole fell): the next state's value is zero.
 * {@code truncated} means the time limit cut the episode: the next state's value is not zero and advantage
 * estimation bootstraps it from the value function. At most one of them is set by a task; both end the episode.
 */
public final class StepResult {
    private final double[] observation;
    private double reward;
    private boolean terminated;
    private boolean truncated;
    private boolean simulationFailed;

    /**
     * @param observationSize the environment's observation length.
     */
    public StepResult(final int observationSize) {
        this.observation = new double[observationSize];
    }

    /**
     * @return the observation after the step (live buffer, overwritten by the next step).
     */
    public double[] observation() {
        return observation;
    }

    /**
     * @return the protagonist's reward for the step (the adversary's is its negative).
     */
    public double reward() {
        return reward;
    }

    /**
     * @return whether the episode ended by the task's own termination condition.
     */
    public boolean terminated() {
        return terminated;
    }

    /**
     * @return whether the episode was cut by the time limit.
     */
    public boolean truncated() {
        return truncated;
    }

    /**
     * @return whether the step ended the episode because the simulation failed (an engine's instability warning, a
     *         non-finite state); such a step is also {@link #terminated()}, with reward 0.
     */
    public boolean simulationFailed() {
        return simulationFailed;
    }

    /**
     * @return whether the episode is over, for either reason.
     */
    public boolean done() {
        return terminated || truncated;
    }

    /**
     * Sets the scalar outcome of a step; environments call this after writing {@link #observation()}.
     *
     * @param stepReward     the protagonist's reward.
     * @param stepTerminated the task's termination flag.
     * @param stepTruncated  the time-limit flag.
     */
    public void set(final double stepReward, final boolean stepTerminated, final boolean stepTruncated) {
        this.reward = stepReward;
        this.terminated = stepTerminated;
        this.truncated = stepTruncated;
        this.simulationFailed = false;
    }

    /**
     * Reports a failed simulation: reward 0, terminated, flagged {@link #simulationFailed()}; environments call this
     * after writing {@link #observation()}.
     */
    public void fail() {
        this.reward = 0.0;
        this.terminated = true;
        this.truncated = false;
        this.simulationFailed = true;
    }
}
