package dev.sparring.trainer.algo;

/**
 * The returns of the most recent completed episodes in a ring, and the total count: the source of the mean
 * episodic return a training run reports.
 */
public final class EpisodeReturns {
    private final double[] ring;
    private long count;

    /**
     * Creates an empty window.
     *
     * @param window how many recent episodes the mean covers, ≥ 1.
     */
    public EpisodeReturns(final int window) {
        if (window < 1) {
            throw new IllegalArgumentException("episode window must be >= 1, was " + window);
        }
        this.ring = new double[window];
    }

    /**
     * Adds the episodes that ended in a rollout, in step order and, within a step, environment order.
     *
     * @param buffer the rollout.
     */
    public void addAll(final RolloutBuffer buffer) {
        for (int t = 0; t < buffer.steps(); t++) {
            for (int e = 0; e < buffer.envCount(); e++) {
                final double episodeReturn = buffer.episodeReturn(buffer.row(e, t));
                if (!Double.isNaN(episodeReturn)) {
                    add(episodeReturn);
                }
            }
        }
    }

    /**
     * Adds one episode's return.
     *
     * @param episodeReturn the undiscounted return.
     */
    public void add(final double episodeReturn) {
        ring[(int) (count % ring.length)] = episodeReturn;
        count++;
    }

    /**
     * The mean over the last {@code window} episodes (fewer before that many have ended).
     *
     * @return the mean, NaN before the first episode.
     */
    public double mean() {
        final int n = (int) Math.min(count, ring.length);
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += ring[i];
        }
        return sum / n;
    }

    /**
     * The number of episodes added.
     *
     * @return the total count.
     */
    public long count() {
        return count;
    }

    /**
     * The ring, live (checkpoint state): slot {@code k % window} holds the k-th episode's return.
     *
     * @return the ring.
     */
    public double[] ring() {
        return ring;
    }

    /**
     * Restores the count saved with the ring.
     *
     * @param episodes the total count.
     */
    public void count(final long episodes) {
        count = episodes;
    }
}
