package dev.sparring.trainer.colearn;

/**
 * The context features of a fleet in one window: V_i for each robot whose window was long enough, and for the others
 * the report of why not, so the caller leaves them out of this window's grouping and sharing. A robot whose features
 * are not all finite (a NaN in its log) is reported too, since one such vector would make every distance NaN.
 *
 * @param features     V_i per robot, {@code null} for a robot without usable data.
 * @param insufficient per robot, {@code null} or the report: {@code "insufficient data: n tuples, need m"}, or
 *                     {@link #NON_FINITE}.
 */
public record ContextFeatures(double[][] features, String[] insufficient) {
    /** The report of a window whose features are not all finite. */
    public static final String NON_FINITE = "non-finite context features: the window holds a non-finite value";

    /**
     * Validates that both arrays describe the same robots and that each robot has exactly one of the two.
     */
    public ContextFeatures {
        if (features.length != insufficient.length) {
            throw new IllegalArgumentException("features and insufficient must have one entry per robot, had "
                + features.length + " and " + insufficient.length);
        }
        for (int i = 0; i < features.length; i++) {
            if ((features[i] == null) == (insufficient[i] == null)) {
                throw new IllegalArgumentException("robot " + i + " must have either features or a report");
            }
        }
    }

    /**
     * Computes each robot's features, reporting the windows too short for the extractor instead of failing.
     *
     * @param extractor the features' extractor.
     * @param windows   each robot's window.
     * @return the features and reports.
     */
    public static ContextFeatures extract(final ContextFeatureExtractor extractor, final TransitionWindow[] windows) {
        final int n = windows.length;
        final double[][] features = new double[n][];
        final String[] insufficient = new String[n];
        for (int i = 0; i < n; i++) {
            final TransitionWindow window = windows[i];
            final int needed = extractor.minimumCount(window.observationSize(), window.actionSize());
            if (window.count() < needed) {
                insufficient[i] = InsufficientDataException.message(window.count(), needed);
            } else {
                final double[] v = extractor.features(window);
                if (allFinite(v)) {
                    features[i] = v;
                } else {
                    insufficient[i] = NON_FINITE;
                }
            }
        }
        return new ContextFeatures(features, insufficient);
    }

    private static boolean allFinite(final double[] v) {
        for (final double value : v) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param robot a robot's index.
     * @return whether it has features in this window.
     */
    public boolean sufficient(final int robot) {
        return features[robot] != null;
    }

    /**
     * @return the indices of the robots with features, ascending.
     */
    public int[] sufficientRobots() {
        int count = 0;
        for (final double[] v : features) {
            if (v != null) {
                count++;
            }
        }
        final int[] robots = new int[count];
        int at = 0;
        for (int i = 0; i < features.length; i++) {
            if (features[i] != null) {
                robots[at++] = i;
            }
        }
        return robots;
    }
}
