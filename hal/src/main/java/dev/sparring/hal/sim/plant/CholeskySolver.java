package dev.sparring.hal.sim.plant;

/**
 * Solves the small symmetric positive-definite systems of rigid-body dynamics ({@code M(q) q̈ = τ}) in place, by
 * Cholesky factorisation {@code A = L Lᵀ} with L stored in A's lower triangle; no allocation.
 */
final class CholeskySolver {
    private CholeskySolver() {
    }

    /**
     * Solves {@code A x = b}.
     *
     * @param a row-major {@code n × n} symmetric positive-definite matrix; overwritten by its factor.
     * @param b the right-hand side; receives {@code x}.
     * @param n the order.
     */
    static void solveInPlace(final double[] a, final double[] b, final int n) {
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * n + k] * a[j * n + k];
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
        for (int i = 0; i < n; i++) {
            double value = b[i];
            for (int k = 0; k < i; k++) {
                value -= a[i * n + k] * b[k];
            }
            b[i] = value / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double value = b[i];
            for (int k = i + 1; k < n; k++) {
                value -= a[k * n + i] * b[k];
            }
            b[i] = value / a[i * n + i];
        }
    }
}
