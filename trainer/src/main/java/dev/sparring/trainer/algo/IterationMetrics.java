package dev.sparring.trainer.algo;

/**
 * What one training iteration measured, in a reusable holder overwritten by the next iteration (so iterating
 * allocates nothing). Fields an algorithm does not produce are NaN (PPO has no line search, TRPO no clip fraction).
 * The metrics CSV uses the names in each accessor's Javadoc.
 */
public final class IterationMetrics {
    long iteration;
    long totalSteps;
    long episodes;
    double meanEpisodicReturn = Double.NaN;
    double policyLoss = Double.NaN;
    double valueLoss = Double.NaN;
    double entropy = Double.NaN;
    double approxKl = Double.NaN;
    double clipFraction = Double.NaN;
    double explainedVariance = Double.NaN;
    int lineSearchSteps = -1;
    double collectSeconds;
    double updateSeconds;
    double stepsPerSecond;

    /**
     * The number of iterations completed ({@code global_step} counts steps, this counts updates).
     *
     * @return the iteration count.
     */
    public long iteration() {
        return iteration;
    }

    /**
     * Environment steps collected so far ({@code global_step}).
     *
     * @return the step count.
     */
    public long totalSteps() {
        return totalSteps;
    }

    /**
     * Episodes completed so far.
     *
     * @return the episode count.
     */
    public long episodes() {
        return episodes;
    }

    /**
     * The protagonist's mean undiscounted return over the last completed episodes ({@code charts/episodic_return});
     * NaN before the first episode ends.
     *
     * @return the mean return.
     */
    public double meanEpisodicReturn() {
        return meanEpisodicReturn;
    }

    /**
     * The policy objective's loss of the last minibatch ({@code losses/policy_loss}).
     *
     * @return the loss.
     */
    public double policyLoss() {
        return policyLoss;
    }

    /**
     * The value loss {@code ½ mean (V − R)²} ({@code losses/value_loss}).
     *
     * @return the loss.
     */
    public double valueLoss() {
        return valueLoss;
    }

    /**
     * The policy's entropy after the update ({@code losses/entropy}).
     *
     * @return the entropy in nats.
     */
    public double entropy() {
        return entropy;
    }

    /**
     * The KL divergence between the collecting and the updated policy ({@code losses/approx_kl}): PPO's estimator
     * {@code mean((r − 1) − log r)} of its last minibatch, TRPO's exact mean KL of the accepted step.
     *
     * @return the divergence in nats.
     */
    public double approxKl() {
        return approxKl;
    }

    /**
     * The fraction of samples whose ratio was clipped ({@code losses/clipfrac}); PPO only.
     *
     * @return the fraction in [0, 1].
     */
    public double clipFraction() {
        return clipFraction;
    }

    /**
     * {@code 1 − Var(R − V)/Var(R)} of the collected values against the return targets
     * ({@code losses/explained_variance}).
     *
     * @return the explained variance, ≤ 1.
     */
    public double explainedVariance() {
        return explainedVariance;
    }

    /**
     * The backtracking steps of TRPO's accepted step (0 for the full step), or −1 when the line search failed and
     * the old parameters were kept; −1 for PPO too.
     *
     * @return the step index or −1.
     */
    public int lineSearchSteps() {
        return lineSearchSteps;
    }

    /**
     * Wall time of the rollout.
     *
     * @return seconds.
     */
    public double collectSeconds() {
        return collectSeconds;
    }

    /**
     * Wall time of normalisation, GAE and the update.
     *
     * @return seconds.
     */
    public double updateSeconds() {
        return updateSeconds;
    }

    /**
     * Steps of this iteration per second of its wall time, collection and update together ({@code charts/SPS}).
     *
     * @return the throughput.
     */
    public double stepsPerSecond() {
        return stepsPerSecond;
    }
}
