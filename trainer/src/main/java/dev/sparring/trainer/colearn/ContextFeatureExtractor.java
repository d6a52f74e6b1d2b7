package dev.sparring.trainer.colearn;

/**
 * Computes a robot's context features V_i from its transition window: a fixed-length vector characterising the
 * dynamics and rewards the robot met in that window, so that robots in similar contexts have nearby features. The
 * default is {@link LinearGaussianContextFeatures}; a task adds its own features by implementing this interface and
 * concatenating ({@link ConcatenatedFeatures}).
 */
public interface ContextFeatureExtractor {
    /**
     * @param window a robot's window, with at least {@link #minimumCount} tuples.
     * @return V, {@link #dimension} values.
     * @throws InsufficientDataException when the window is too short.
     */
    double[] features(TransitionWindow window);

    /**
     * @param observationSize n_s.
     * @param actionSize      n_a.
     * @return the length of V for robots of these sizes.
     */
    int dimension(int observationSize, int actionSize);

    /**
     * @param observationSize n_s.
     * @param actionSize      n_a.
     * @return the fewest tuples a window needs; 1 unless the extractor fits a model.
     */
    default int minimumCount(final int observationSize, final int actionSize) {
        return 1;
    }
}
