package dev.sparring.trainer.nn;

/**
 * Global gradient-norm clipping: when {@code ‖g‖₂ > maxNorm}, scales the whole vector by {@code maxNorm / ‖g‖₂}.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Clips a gradient vector in place.
     *
     * @param g       the gradient, scaled in place when its norm exceeds the limit.
     * @param maxNorm the largest allowed Euclidean norm, > 0.
     * @return the norm before clipping.
     */
    public static double clipGlobalNorm(final double[] g, final double maxNorm) {
        if (!(maxNorm > 0.0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, was " + maxNorm);
        }
        double sumOfSquares = 0.0;
        for (int i = 0; i < g.length; i++) {
            sumOfSquares += g[i] * g[i];
        }
        final double norm = Math.sqrt(sumOfSquares);
        if (norm > maxNorm) {
            final double scale = maxNorm / norm;
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
        return norm;
    }
}
