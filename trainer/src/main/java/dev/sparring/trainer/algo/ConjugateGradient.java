package dev.sparring.trainer.algo;

/**
 * The conjugate gradient method (Hestenes and Stiefel) for {@code A x = b} with a symmetric positive definite
 * {@code A} given only as a matrix-vector product — TRPO's way to get {@code F⁻¹ g} from Fisher-vector products.
 * Starts at {@code x = 0}; stops after the given iterations or when {@code ‖r‖² <} the tolerance. Preallocated.
 */
public final class ConjugateGradient {
    /** A symmetric positive definite linear map. */
    @FunctionalInterface
    public interface LinearOperator {
        /**
         * Computes {@code A v}.
         *
         * @param v      the vector.
         * @param result receives {@code A v}.
         */
        void apply(double[] v, double[] result);
    }

    private final double[] residual;
    private final double[] direction;
    private final double[] product;

    /**
     * Creates a solver for systems of one size.
     *
     * @param size the dimension.
     */
    public ConjugateGradient(final int size) {
        this.residual = new double[size];
        this.direction = new double[size];
        this.product = new double[size];
    }

    /**
     * Solves {@code A x = b} approximately.
     *
     * @param a                  the operator.
     * @param b                  the right-hand side.
     * @param x                  receives the solution.
     * @param iterations         the maximum number of iterations.
     * @param residualTolerance  stop once {@code ‖b − A x‖²} falls below this.
     * @return the iterations taken.
     */
    public int solve(final LinearOperator a, final double[] b, final double[] x, final int iterations,
        final double residualTolerance) {
        final int n = residual.length;
        final double[] r = residual;
        final double[] p = direction;
        final double[] ap = product;
        for (int i = 0; i < n; i++) {
            x[i] = 0.0;
            r[i] = b[i];
            p[i] = b[i];
        }
        double rr = dot(r, r);
        int k = 0;
        while (k < iterations && rr >= residualTolerance) {
            a.apply(p, ap);
            final double alpha = rr / dot(p, ap);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            final double rrNext = dot(r, r);
            final double beta = rrNext / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNext;
            k++;
        }
        return k;
    }

    /**
     * The dot product of two vectors of the same length.
     *
     * @param u the first vector.
     * @param v the second vector.
     * @return {@code uᵀv}.
     */
    public static double dot(final double[] u, final double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
