package dev.sparring.trainer.lqr;

/**
 * Discrete-time linear-quadratic regulator: for {@code x[k+1] = A x[k] + B u[k]} and cost
 * {@code Σ xᵀQx + uᵀRu}, iterates the discrete algebraic Riccati equation
 * {@code P = Q + AᵀPA − AᵀPB (R + BᵀPB)⁻¹ BᵀPA} to its fixed point and returns the gain
 * {@code K = (R + BᵀPB)⁻¹ BᵀPA} of the optimal law {@code u = −K x}. Small dense matrices; design time only.
 */
public final class DiscreteLqr {
    private static final int MAX_ITERATIONS = 200_000;
    private static final double TOLERANCE = 1e-11;

    private final double[][] gain;
    private final double[][] cost;

    private DiscreteLqr(final double[][] gain, final double[][] cost) {
        this.gain = gain;
        this.cost = cost;
    }

    /**
     * Solves the regulator.
     *
     * @param a state matrix (n×n).
     * @param b input matrix (n×m).
     * @param q state cost (n×n, symmetric positive semi-definite).
     * @param r input cost (m×m, symmetric positive definite).
     * @return the solution.
     * @throws IllegalArgumentException when the iteration does not converge (the pair (A, B) is not stabilisable).
     */
    public static DiscreteLqr solve(final double[][] a, final double[][] b, final double[][] q, final double[][] r) {
        double[][] p = copy(q);
        final double[][] at = transpose(a);
        final double[][] bt = transpose(b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            final double[][] k = gain(a, b, bt, r, p);
            final double[][] next = add(q, subtract(multiply(at, multiply(p, a)),
                multiply(multiply(at, multiply(p, b)), k)));
            final double change = maxAbsDifference(next, p);
            p = next;
            if (!Double.isFinite(change)) {
                break;
            }
            if (change <= TOLERANCE * Math.max(1.0, maxAbs(p))) {
                return new DiscreteLqr(gain(a, b, bt, r, p), p);
            }
        }
        throw new IllegalArgumentException("the Riccati iteration diverged or did not converge in " + MAX_ITERATIONS
            + " steps: the system is not stabilisable with these costs");
    }

    /**
     * @return the gain K (m×n) of {@code u = −K x}.
     */
    public double[][] gain() {
        return copy(gain);
    }

    /**
     * @return the cost-to-go matrix P (n×n).
     */
    public double[][] cost() {
        return copy(cost);
    }

    private static double[][] gain(final double[][] a, final double[][] b, final double[][] bt, final double[][] r,
        final double[][] p) {
        final double[][] btp = multiply(bt, p);
        return solveLinear(add(r, multiply(btp, b)), multiply(btp, a));
    }

    static double[][] multiply(final double[][] x, final double[][] y) {
        final int rows = x.length;
        final int inner = y.length;
        final int cols = y[0].length;
        final double[][] result = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                final double xik = x[i][k];
                for (int j = 0; j < cols; j++) {
                    result[i][j] += xik * y[k][j];
                }
            }
        }
        return result;
    }

    private static double[][] add(final double[][] x, final double[][] y) {
        final double[][] result = copy(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                result[i][j] += y[i][j];
            }
        }
        return result;
    }

    private static double[][] subtract(final double[][] x, final double[][] y) {
        final double[][] result = copy(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                result[i][j] -= y[i][j];
            }
        }
        return result;
    }

    private static double[][] transpose(final double[][] x) {
        final double[][] result = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                result[j][i] = x[i][j];
            }
        }
        return result;
    }

    /** Solves M X = Y by Gaussian elimination with partial pivoting (M square). */
    private static double[][] solveLinear(final double[][] m, final double[][] y) {
        final int n = m.length;
        final double[][] lhs = copy(m);
        final double[][] rhs = copy(y);
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(lhs[row][col]) > Math.abs(lhs[pivot][col])) {
                    pivot = row;
                }
            }
            if (lhs[pivot][col] == 0) {
                throw new IllegalArgumentException("R + BᵀPB is singular: R must be positive definite");
            }
            swap(lhs, col, pivot);
            swap(rhs, col, pivot);
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    final double factor = lhs[row][col] / lhs[col][col];
                    for (int j = 0; j < n; j++) {
                        lhs[row][j] -= factor * lhs[col][j];
                    }
                    for (int j = 0; j < rhs[0].length; j++) {
                        rhs[row][j] -= factor * rhs[col][j];
                    }
                }
            }
        }
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < rhs[0].length; j++) {
                rhs[row][j] /= lhs[row][row];
            }
        }
        return rhs;
    }

    private static void swap(final double[][] x, final int i, final int j) {
        final double[] row = x[i];
        x[i] = x[j];
        x[j] = row;
    }

    private static double[][] copy(final double[][] x) {
        final double[][] result = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            result[i] = x[i].clone();
        }
        return result;
    }

    private static double maxAbsDifference(final double[][] x, final double[][] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
            }
        }
        return max;
    }

    private static double maxAbs(final double[][] x) {
        double max = 0;
        for (final double[] row : x) {
            for (final double value : row) {
                max = Math.max(max, Math.abs(value));
            }
        }
        return max;
    }
}
