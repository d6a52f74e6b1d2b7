package dev.sparring.trainer.colearn;

/**
 * The distance D_C between context feature vectors. The default is the normalised Euclidean distance
 * <pre>
 *   D_C(a, b) = √( (1/d') Σ_j ((V_a,j − V_b,j) / σ_j)² )
 * </pre>
 * with σ_j the standard deviation of feature j over the robots of this window, so that features in different units
 * (a coefficient, a log variance, a reward) weigh alike, and d' the number of features that vary, so that D_C's scale
 * (which the partner softmax of {@link PartnerSelection} sees) does not grow with the number of features. A feature
 * whose σ_j is at most {@value #CONSTANT_TOLERANCE} of its largest magnitude (or exactly 0) is the same for every
 * robot up to rounding and is left out rather than divided by a near-zero scale.
 */
public final class ContextDistance {
    /** Relative spread below which a feature counts as constant over the robots. */
    public static final double CONSTANT_TOLERANCE = 1e-12;

    private ContextDistance() {
    }

    /**
     * @param features V_i per robot, all of the same length.
     * @return the symmetric matrix of D_C, zero diagonal; all zeros when no feature varies.
     */
    public static double[][] normalisedEuclidean(final double[][] features) {
        final int n = features.length;
        final int d = n == 0 ? 0 : features[0].length;
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("robot " + i + " has " + features[i].length + " features, robot 0 "
                    + d);
            }
        }
        final double[] inverseScale = new double[d];
        int varying = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0.0;
            double largest = 0.0;
            for (int i = 0; i < n; i++) {
                mean += features[i][j];
                largest = Math.max(largest, Math.abs(features[i][j]));
            }
            mean /= n;
            double variance = 0.0;
            for (int i = 0; i < n; i++) {
                variance += (features[i][j] - mean) * (features[i][j] - mean);
            }
            final double sigma = Math.sqrt(variance / n);
            if (sigma > CONSTANT_TOLERANCE * largest && sigma > 0.0) {
                inverseScale[j] = 1.0 / sigma;
                varying++;
            }
        }
        final double[][] distance = new double[n][n];
        if (varying == 0) {
            return distance;
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sum = 0.0;
                for (int j = 0; j < d; j++) {
                    final double difference = (features[a][j] - features[b][j]) * inverseScale[j];
                    sum += difference * difference;
                }
                distance[a][b] = Math.sqrt(sum / varying);
                distance[b][a] = distance[a][b];
            }
        }
        return distance;
    }
}
