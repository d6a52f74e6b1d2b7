package dev.sparring.trainer.algo;

import java.util.Arrays;

/**
 * One rollout of {@code envCount} environments for {@code steps} steps each, stored environment-major (row
 * {@code e·steps + t}), and the generalised advantage estimates computed from it.
 *
 * <p>Per row: the standardised observation the policy saw, the raw observation (for the normaliser), the action in
 * policy units, {@code log π(a|s)}, the learner's reward, {@code V(s)}, the episode flags, the bootstrap value
 * {@code V(s_final)} of a time-limit truncation, and the protagonist's episodic return where an episode ended.
 * Per environment: {@code V(s_T)} of the observation after the last step.
 *
 * <p>Each row also carries a weight in PPO's losses, 1 unless set: a learner that adds experience collected by other
 * policies (fleet co-learning's shared tuples) weights those rows by their clipped importance ratio, and rows it leaves
 * empty by 0, which removes them from the update.
 *
 * <p>GAE (Schulman et al. 2016): {@code δₜ = rₜ + γ V(sₜ₊₁) − V(sₜ)}, {@code Aₜ = δₜ + γλ Aₜ₊₁}, and the return
 * target {@code Rₜ = Aₜ + V(sₜ)}. A terminated step has {@code V(sₜ₊₁) = 0}; a truncated one uses the stored
 * {@code V(s_final)}; both stop the recursion at the episode's end.
 */
public final class RolloutBuffer {
    private final int envCount;
    private final int steps;
    private final int observationSize;
    private final int actionSize;
    private final double[] observations;
    private final double[] rawObservations;
    private final double[] actions;
    private final double[] logProbs;
    private final double[] rewards;
    private final double[] values;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] bootstrapValues;
    private final double[] episodeReturns;
    private final double[] lastValues;
    private final double[] advantages;
    private final double[] returns;
    private final double[] weights;

    /**
     * Creates an empty buffer.
     *
     * @param envCount        the number of environments.
     * @param steps           the steps per environment.
     * @param observationSize the observation length.
     * @param actionSize      the learner's action length.
     */
    public RolloutBuffer(final int envCount, final int steps, final int observationSize, final int actionSize) {
        if (envCount < 1 || steps < 1 || observationSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("rollout buffer sizes must be >= 1, were envCount " + envCount
                + ", steps " + steps + ", observationSize " + observationSize + ", actionSize " + actionSize);
        }
        final int n = envCount * steps;
        this.envCount = envCount;
        this.steps = steps;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new double[n * observationSize];
        this.rawObservations = new double[n * observationSize];
        this.actions = new double[n * actionSize];
        this.logProbs = new double[n];
        this.rewards = new double[n];
        this.values = new double[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.bootstrapValues = new double[n];
        this.episodeReturns = new double[n];
        this.lastValues = new double[envCount];
        this.advantages = new double[n];
        this.returns = new double[n];
        this.weights = new double[n];
        Arrays.fill(weights, 1.0);
    }

    /**
     * The row of a step.
     *
     * @param env  the environment.
     * @param step the step within the rollout.
     * @return {@code env·steps + step}.
     */
    public int row(final int env, final int step) {
        return env * steps + step;
    }

    /**
     * Records the outcome of a step; the observation, action, log-likelihood and value are written into the arrays
     * directly by the collector.
     *
     * @param row            the row.
     * @param reward         the learner's reward.
     * @param stepTerminated whether the task terminated.
     * @param stepTruncated  whether the time limit cut the episode (ignored when terminated).
     * @param bootstrapValue {@code V(s_final)} when truncated, else ignored.
     * @param episodeReturn  the protagonist's episodic return when the episode ended here, else NaN.
     */
    public void recordOutcome(final int row, final double reward, final boolean stepTerminated,
        final boolean stepTruncated, final double bootstrapValue, final double episodeReturn) {
        rewards[row] = reward;
        terminated[row] = stepTerminated;
        truncated[row] = stepTruncated && !stepTerminated;
        bootstrapValues[row] = truncated[row] ? bootstrapValue : 0.0;
        episodeReturns[row] = episodeReturn;
    }

    /**
     * Computes advantages and return targets by GAE(γ, λ).
     *
     * @param gamma  the discount γ in [0, 1].
     * @param lambda the GAE parameter λ in [0, 1].
     */
    public void computeAdvantages(final double gamma, final double lambda) {
        for (int e = 0; e < envCount; e++) {
            double nextAdvantage = 0.0;
            double nextValue = lastValues[e];
            for (int t = steps - 1; t >= 0; t--) {
                final int row = e * steps + t;
                final double delta;
                final double advantage;
                if (terminated[row]) {
                    delta = rewards[row] - values[row];
                    advantage = delta;
                } else if (truncated[row]) {
                    delta = rewards[row] + gamma * bootstrapValues[row] - values[row];
                    advantage = delta;
                } else {
                    delta = rewards[row] + gamma * nextValue - values[row];
                    advantage = delta + gamma * lambda * nextAdvantage;
                }
                advantages[row] = advantage;
                returns[row] = advantage + values[row];
                nextAdvantage = advantage;
                nextValue = values[row];
            }
        }
    }

    /**
     * The number of rows.
     *
     * @return {@code envCount × steps}.
     */
    public int size() {
        return envCount * steps;
    }

    /**
     * The number of environments.
     *
     * @return the environment count.
     */
    public int envCount() {
        return envCount;
    }

    /**
     * The steps per environment.
     *
     * @return the rollout length.
     */
    public int steps() {
        return steps;
    }

    /**
     * The observation length.
     *
     * @return the observation size.
     */
    public int observationSize() {
        return observationSize;
    }

    /**
     * The learner's action length.
     *
     * @return the action size.
     */
    public int actionSize() {
        return actionSize;
    }

    /**
     * Standardised observations, row-major, live.
     *
     * @return {@code size() × observationSize} values.
     */
    public double[] observations() {
        return observations;
    }

    /**
     * Raw observations, row-major, live.
     *
     * @return {@code size() × observationSize} values.
     */
    public double[] rawObservations() {
        return rawObservations;
    }

    /**
     * Actions in policy units, row-major, live.
     *
     * @return {@code size() × actionSize} values.
     */
    public double[] actions() {
        return actions;
    }

    /**
     * {@code log π(a|s)} under the collecting policy, live.
     *
     * @return one value per row.
     */
    public double[] logProbs() {
        return logProbs;
    }

    /**
     * The learner's rewards, live (a reward normaliser rescales them in place).
     *
     * @return one value per row.
     */
    public double[] rewards() {
        return rewards;
    }

    /**
     * {@code V(s)} under the collecting value network, live.
     *
     * @return one value per row.
     */
    public double[] values() {
        return values;
    }

    /**
     * Whether a row's step terminated the episode.
     *
     * @param row the row.
     * @return the flag.
     */
    public boolean terminated(final int row) {
        return terminated[row];
    }

    /**
     * Whether a row's step was cut by the time limit (and did not terminate).
     *
     * @param row the row.
     * @return the flag.
     */
    public boolean truncated(final int row) {
        return truncated[row];
    }

    /**
     * {@code V(s_final)} of a truncated row, live; 0 elsewhere.
     *
     * @return one value per row.
     */
    public double[] bootstrapValues() {
        return bootstrapValues;
    }

    /**
     * The protagonist's undiscounted episodic return where an episode ended at a row, NaN elsewhere.
     *
     * @param row the row.
     * @return the return or NaN.
     */
    public double episodeReturn(final int row) {
        return episodeReturns[row];
    }

    /**
     * {@code V(s_T)} of each environment's observation after the rollout, live.
     *
     * @return one value per environment.
     */
    public double[] lastValues() {
        return lastValues;
    }

    /**
     * The advantages of the last {@link #computeAdvantages}, live.
     *
     * @return one value per row.
     */
    public double[] advantages() {
        return advantages;
    }

    /**
     * The return targets {@code A + V} of the last {@link #computeAdvantages}, live.
     *
     * @return one value per row.
     */
    public double[] returns() {
        return returns;
    }

    /**
     * The rows' weights in PPO's policy and value losses (live; 1 unless set).
     *
     * @return {@code weight[row]}.
     */
    public double[] weights() {
        return weights;
    }
}
