package dev.sparring.trainer.colearn.taskalloc;

/**
 * One method's measurements on one seed, with its areas against the seed's reference level.
 *
 * @param method                the method.
 * @param curve                 mean service time per bucket.
 * @param relativeAuc           {@code A(method)/A(independent)} above the seed's reference
 *                             ({@link dev.sparring.trainer.colearn.RelativeAuc}).
 * @param plainRelativeAuc      the ratio of the plain areas under the curves (reference 0).
 * @param area                  {@code A(method)} above the reference, in bucket units.
 * @param finalLevel            the mean service time over the last 10 % of buckets.
 * @param meanPartners          partners per agent per window.
 * @param sameTypeShare         the share of partners of the receiving agent's hidden type (NaN without partners, or
 *                              in files written before it was recorded).
 * @param supervisorMsPerWindow all supervisors' work per window, milliseconds.
 * @param replayMsPerWindow     the agents' replay of partners' tuples per window, milliseconds.
 * @param wallS                 the run's wall time, seconds.
 * @param arrived               tasks that arrived.
 * @param completed             tasks that completed.
 */
public record MethodOutcome(StudyMethod method, double[] curve, double relativeAuc, double plainRelativeAuc,
    double area, double finalLevel, double meanPartners, double sameTypeShare, double supervisorMsPerWindow,
    double replayMsPerWindow, double wallS, long arrived, long completed) {
}
