package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.RunningMeanStd;

/**
 * Scales rewards by the running standard deviation of the discounted return, as Gymnasium's {@code NormalizeReward}
 * (and CleanRL's clip to ±10 after it): per environment {@code Rₜ = γ Rₜ₋₁ + rₜ}, reset after an episode ends; the
 * statistics take every {@code Rₜ} of a rollout, then each reward becomes {@code clip(r / √(Var R + ε), ±clip)}.
 * Applied to a collected buffer, in environment-major order, so the result does not depend on worker timing.
 */
public final class RewardNormalizer {
    private final double gamma;
    private final double clip;
    private final RunningMeanStd statistics = new RunningMeanStd(1, Double.POSITIVE_INFINITY);
    private final double[] discountedReturns;
    private final double[] rowReturns;

    /**
     * Creates a normaliser with zero running returns.
     *
     * @param envCount the number of environments.
     * @param rows     the rows of a rollout.
     * @param gamma    the discount of the running return.
     * @param clip     scaled rewards are clipped to ±this, > 0.
     */
    public RewardNormalizer(final int envCount, final int rows, final double gamma, final double clip) {
        if (!(clip > 0.0)) {
            throw new IllegalArgumentException("reward clip must be > 0, was " + clip);
        }
        this.gamma = gamma;
        this.clip = clip;
        this.discountedReturns = new double[envCount];
        this.rowReturns = new double[rows];
    }

    /**
     * Updates the statistics with a rollout's discounted returns and rescales its rewards in place.
     *
     * @param buffer a collected rollout of the environments this normaliser was made for.
     */
    public void normalize(final RolloutBuffer buffer) {
        final double[] rewards = buffer.rewards();
        for (int e = 0; e < buffer.envCount(); e++) {
            double running = discountedReturns[e];
            for (int t = 0; t < buffer.steps(); t++) {
                final int row = buffer.row(e, t);
                running = gamma * running + rewards[row];
                rowReturns[row] = running;
                if (buffer.terminated(row) || buffer.truncated(row)) {
                    running = 0.0;
                }
            }
            discountedReturns[e] = running;
        }
        statistics.update(rowReturns, 0, buffer.size());
        final double inverseStd = 1.0 / statistics.std(0);
        for (int row = 0; row < buffer.size(); row++) {
            rewards[row] = Math.max(-clip, Math.min(clip, rewards[row] * inverseStd));
        }
    }

    /**
     * The statistics of the discounted return, live (checkpoint state).
     *
     * @return the one-element statistics.
     */
    public RunningMeanStd statistics() {
        return statistics;
    }

    /**
     * Each environment's running discounted return, live (checkpoint state).
     *
     * @return one value per environment.
     */
    public double[] discountedReturns() {
        return discountedReturns;
    }
}
