package dev.sparring.hal.linalg;

/**
 * Solves small symmetric positive-definite systems in place by Cholesky factorisation {@code A = L Lᵀ}, with L stored
 * in A's lower triangle; no allocation. The plants use it for rigid-body dynamics ({@code M(q) q̈ = τ}), the trainer
 * for ridge regressions and Gaussian divergences, which also need the factor itself (several right-hand sides, the
 * log determinant) and so can factor once and solve many times.
 */
public final class CholeskySolver {
    private CholeskySolver() {
    }

    /**
     * Solves {@code A x = b}.
     *
     * @param a row-major {@code n × n} symmetric positive-definite matrix; overwritten by its factor.
     * @param b the right-hand side; receives {@code x}.
     * @param n the order.
     */
    public static void solveInPlace(final double[] a, final double[] b, final int n) {
        factorInPlace(a, n);
        solveFactoredInPlace(a, b, n);
    }

    /**
     * Factors {@code A = L Lᵀ}, writing L into A's lower triangle (the strict upper triangle is left as it was).
     *
     * @param a row-major {@code n × n} symmetric matrix; overwritten by its factor.
     * @param n the order.
     * @return whether A was numerically positive definite (every pivot finite and &gt; 0); when not, the factor is
     * unusable.
     */
    public static boolean factorInPlace(final double[] a, final int n) {
        boolean positiveDefinite = true;
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * n + k] * a[j * n + k];
            }
            if (!(diagonal > 0.0) || diagonal == Double.POSITIVE_INFINITY) {
                positiveDefinite = false;
            }
            final double pivot = Math.sqrt(diagonal);
            a[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double value = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    value -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = value / pivot;
            }
        }
        return positiveDefinite;
    }

    /**
     * Solves {@code L Lᵀ x = b} with a factor from {@link #factorInPlace}.
     *
     * @param l the factor, in the lower triangle of a row-major {@code n × n} array.
     * @param b the right-hand side; receives {@code x}.
     * @param n the order.
     */
    public static void solveFactoredInPlace(final double[] l, final double[] b, final int n) {
        for (int i = 0; i < n; i++) {
            double value = b[i];
            for (int k = 0; k < i; k++) {
                value -= l[i * n + k] * b[k];
            }
            b[i] = value / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double value = b[i];
            for (int k = i + 1; k < n; k++) {
                value -= l[k * n + i] * b[k];
            }
            b[i] = value / l[i * n + i];
        }
    }

    /**
     * @param l the factor of A, from {@link #factorInPlace}.
     * @param n the order.
     * @return {@code ln det A = 2 Σᵢ ln Lᵢᵢ}.
     */
    public static double logDeterminantOfFactored(final double[] l, final int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(l[i * n + i]);
        }
        return 2.0 * sum;
    }
}
