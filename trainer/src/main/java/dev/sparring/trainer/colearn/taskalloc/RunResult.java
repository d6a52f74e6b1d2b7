package dev.sparring.trainer.colearn.taskalloc;

/**
 * What one run measured.
 *
 * @param serviceTime         the learning curve: per bucket of time units, the mean service time of the tasks that
 *                            completed in it (a bucket without completions repeats the previous value, 0 at first).
 * @param tasksInSystem       per bucket, tasks in the network at its end.
 * @param arrived             tasks that arrived.
 * @param completed           tasks that completed.
 * @param decisions           routing decisions made.
 * @param replayedUpdates     Q-updates from partners' tuples.
 * @param meanPartners        partners per agent per window, on average.
 * @param sameTypeShare       the share of (agent, partner) pairs whose hidden types are equal; NaN without pairs.
 * @param supervisorNsPerWindow wall time per window of all supervisors' work (features, distances, clusters,
 *                            partners), nanoseconds; 0 without sharing.
 * @param replayNsPerWindow   wall time per window of the agents' replay of partners' tuples, nanoseconds.
 * @param wallNs              the run's wall time, nanoseconds.
 */
public record RunResult(double[] serviceTime, double[] tasksInSystem, long arrived, long completed, long decisions,
    long replayedUpdates, double meanPartners, double sameTypeShare, double supervisorNsPerWindow,
    double replayNsPerWindow, long wallNs) {
}
