package dev.sparring.trainer.colearn.taskalloc;

/**
 * The learner's discretised local state: the agent's own processing-queue work in 5 buckets
 * ({@code 0}, {@code (0, 3]}, {@code (3, 8]}, {@code (8, 20]}, {@code > 20} work units) and, per direction N, E, S, W,
 * whether that neighbour's processing-queue work is lower than the agent's (by more than {@value #SIMILAR} units),
 * similar, or higher (a missing neighbour counts as higher; forwarding to it is not valid anyway):
 * {@code 5 · 3⁴ = 405} states. Relative loads rather than absolute ones keep the table small and let one agent's
 * experience mean the same to another agent with the same speed.
 */
public final class StateCoder {
    /** Number of states. */
    public static final int STATES = 5 * 81;
    /** Work difference (units) within which a neighbour's load counts as similar. */
    public static final double SIMILAR = 2.0;

    private StateCoder() {
    }

    /**
     * @param observation a {@link TaskNetwork} observation.
     * @return its state, in [0, {@link #STATES}).
     */
    public static int state(final double[] observation) {
        final double own = observation[TaskNetwork.OWN_WORK];
        int state = ownBucket(own);
        for (int d = 0; d < 4; d++) {
            final double neighbour = observation[TaskNetwork.NEIGHBOUR_WORK + d];
            final int relative;
            if (neighbour < 0.0 || neighbour > own + SIMILAR) {
                relative = 2;
            } else if (neighbour < own - SIMILAR) {
                relative = 0;
            } else {
                relative = 1;
            }
            state = state * 3 + relative;
        }
        return state;
    }

    /**
     * @param work own processing-queue work.
     * @return its bucket, in [0, 5).
     */
    static int ownBucket(final double work) {
        if (work <= 0.0) {
            return 0;
        }
        if (work <= 3.0) {
            return 1;
        }
        if (work <= 8.0) {
            return 2;
        }
        return work <= 20.0 ? 3 : 4;
    }
}
