package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.trainer.colearn.ContextFeatureExtractor;
import dev.sparring.trainer.colearn.TransitionWindow;

/**
 * The task-allocation agent's context features, from its window of routing decisions (observations as
 * {@link TaskNetwork} makes them, the action index as the one action value, reward {@code −} the service time from
 * the decision on):
 * <ol>
 *   <li>time per unit of work when processing locally: {@code Σ(−r) / Σ(own queue work + task work)} over the
 *       window's {@code LOCAL} decisions, about {@code 1/μ}: the hidden speed (over all decisions when there was no
 *       local one);</li>
 *   <li>{@code ln(1 + count)}: how many decisions the window held, which grows with the arrival load {@code λ} and
 *       with the tasks neighbours forward;</li>
 *   <li>the share of decisions that processed locally;</li>
 *   <li>the mean reward, {@code −} the mean service time from a decision on;</li>
 *   <li>the mean own processing-queue work at decision time.</li>
 * </ol>
 * They are what the agent's own tuples say about its context, nothing it was not shown; no model is fitted, so one
 * tuple is enough.
 */
public final class TaskContextFeatures implements ContextFeatureExtractor {
    /** The number of features. */
    public static final int DIMENSION = 5;

    @Override
    public double[] features(final TransitionWindow window) {
        final int n = window.count();
        final int size = window.observationSize();
        final double[] obs = window.observations();
        double localCost = 0.0;
        double localWork = 0.0;
        double allCost = 0.0;
        double allWork = 0.0;
        double ownWork = 0.0;
        int local = 0;
        for (int t = 0; t < n; t++) {
            final double cost = -window.rewards()[t];
            final double work = obs[t * size + TaskNetwork.OWN_WORK] + obs[t * size + TaskNetwork.TASK_WORK];
            allCost += cost;
            allWork += work;
            ownWork += obs[t * size + TaskNetwork.OWN_WORK];
            if (window.actions()[t * window.actionSize()] == GridNetwork.LOCAL) {
                localCost += cost;
                localWork += work;
                local++;
            }
        }
        final double timePerWork = local > 0 ? localCost / localWork : allCost / allWork;
        return new double[] {timePerWork, Math.log1p(n), (double) local / n, -allCost / n, ownWork / n};
    }

    @Override
    public int dimension(final int observationSize, final int actionSize) {
        return DIMENSION;
    }
}
