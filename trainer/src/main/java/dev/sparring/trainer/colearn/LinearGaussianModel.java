package dev.sparring.trainer.colearn;

import dev.sparring.hal.linalg.CholeskySolver;

/**
 * A stochastic linear-Gaussian model {@code y | x ~ N(W x + b, Σ)} fitted to one window, with the first two moments
 * of the inputs it was fitted on (the input distribution the divergence between two models is taken over, see
 * {@link ModelDivergence}). The paper leaves the model class open; linear-Gaussian models have closed-form fits and
 * closed-form KL divergences, which is why they are the default here.
 * <p>
 * The fit is ridge least squares on centred data, {@code Wᵀ = (S_xx + αI)⁻¹ S_xy} and {@code b = ȳ − W x̄}, with
 * {@code α = } {@value #RIDGE} {@code · tr(S_xx)/d_x + } {@value #RIDGE_FLOOR} so that constant or collinear inputs
 * (an action that never moved) give a unique, zero-weighted solution; the noise covariance is the residuals'
 * {@code Σ = RᵀR/(n − d_x − 1) + σ²_min I} with the floor {@code σ²_min = } {@value #VARIANCE_FLOOR}, so a
 * deterministic window still gives a positive-definite Σ. A fit needs {@code n ≥ d_x + 2} tuples (one residual degree
 * of freedom).
 *
 * @param inputSize       d_x.
 * @param outputSize      d_y.
 * @param weights         W, row-major {@code d_y × d_x}.
 * @param bias            b, {@code d_y}.
 * @param covariance      Σ, row-major {@code d_y × d_y}, symmetric positive definite.
 * @param count           the tuples of the window fitted (weights the input moments when two windows are pooled).
 * @param inputMean       x̄, {@code d_x}.
 * @param inputCovariance the inputs' covariance S_xx (divided by n), row-major {@code d_x × d_x}.
 */
public record LinearGaussianModel(int inputSize, int outputSize, double[] weights, double[] bias, double[] covariance,
                                  int count, double[] inputMean, double[] inputCovariance) {
    /** Relative ridge α / (tr(S_xx)/d_x) of the least-squares fit. */
    public static final double RIDGE = 1e-8;
    /** Absolute part of the ridge, for inputs that are all constant. */
    public static final double RIDGE_FLOOR = 1e-12;
    /** Floor σ²_min added to the residual covariance's diagonal (in the outputs' units squared). */
    public static final double VARIANCE_FLOOR = 1e-6;

    /**
     * Validates the arrays' lengths.
     */
    public LinearGaussianModel {
        if (inputSize < 0 || outputSize < 1 || count < 0) {
            throw new IllegalArgumentException("sizes must be d_x >= 0, d_y >= 1, n >= 0, were " + inputSize + ", "
                + outputSize + ", " + count);
        }
        requireLength("weights", weights, outputSize * inputSize);
        requireLength("bias", bias, outputSize);
        requireLength("covariance", covariance, outputSize * outputSize);
        requireLength("inputMean", inputMean, inputSize);
        requireLength("inputCovariance", inputCovariance, inputSize * inputSize);
    }

    /**
     * @param inputSize d_x.
     * @return the fewest tuples a fit needs, d_x + 2.
     */
    public static int minimumCount(final int inputSize) {
        return inputSize + 2;
    }

    /**
     * Fits the model to n pairs (x_t, y_t).
     *
     * @param x          row-major {@code n × d_x} inputs.
     * @param y          row-major {@code n × d_y} outputs.
     * @param n          the pairs.
     * @param inputSize  d_x.
     * @param outputSize d_y.
     * @return the fitted model.
     * @throws InsufficientDataException when {@code n < d_x + 2}.
     */
    public static LinearGaussianModel fit(final double[] x, final double[] y, final int n, final int inputSize,
                                          final int outputSize) {
        final int dx = inputSize;
        final int dy = outputSize;
        if (n < minimumCount(dx)) {
            throw new InsufficientDataException(n, minimumCount(dx));
        }
        requireLength("x", x, n * dx);
        requireLength("y", y, n * dy);
        final double[] xMean = columnMeans(x, n, dx);
        final double[] yMean = columnMeans(y, n, dy);
        final double[] sxx = new double[dx * dx];
        final double[] sxy = new double[dx * dy];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < dx; i++) {
                final double xi = x[t * dx + i] - xMean[i];
                for (int j = 0; j < dx; j++) {
                    sxx[i * dx + j] += xi * (x[t * dx + j] - xMean[j]);
                }
                for (int j = 0; j < dy; j++) {
                    sxy[i * dy + j] += xi * (y[t * dy + j] - yMean[j]);
                }
            }
        }
        double trace = 0.0;
        for (int i = 0; i < dx * dx; i++) {
            sxx[i] /= n;
        }
        for (int i = 0; i < dx; i++) {
            trace += sxx[i * dx + i];
        }
        for (int i = 0; i < dx * dy; i++) {
            sxy[i] /= n;
        }
        final double alpha = dx == 0 ? 0.0 : RIDGE * trace / dx + RIDGE_FLOOR;
        final double[] factor = sxx.clone();
        for (int i = 0; i < dx; i++) {
            factor[i * dx + i] += alpha;
        }
        CholeskySolver.factorInPlace(factor, dx);
        final double[] w = new double[dy * dx];
        final double[] column = new double[dx];
        for (int j = 0; j < dy; j++) {
            for (int i = 0; i < dx; i++) {
                column[i] = sxy[i * dy + j];
            }
            CholeskySolver.solveFactoredInPlace(factor, column, dx);
            System.arraycopy(column, 0, w, j * dx, dx);
        }
        final double[] b = new double[dy];
        for (int j = 0; j < dy; j++) {
            b[j] = yMean[j] - dot(w, j * dx, xMean, dx);
        }
        final double[] sigma = new double[dy * dy];
        final double[] residual = new double[dy];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < dy; j++) {
                residual[j] = y[t * dy + j] - b[j] - dot(w, j * dx, x, t * dx, dx);
            }
            for (int j = 0; j < dy; j++) {
                for (int k = 0; k < dy; k++) {
                    sigma[j * dy + k] += residual[j] * residual[k];
                }
            }
        }
        final int degreesOfFreedom = n - dx - 1;
        for (int i = 0; i < dy * dy; i++) {
            sigma[i] /= degreesOfFreedom;
        }
        for (int j = 0; j < dy; j++) {
            sigma[j * dy + j] += VARIANCE_FLOOR;
        }
        return new LinearGaussianModel(dx, dy, w, b, sigma, n, xMean, sxx);
    }

    /**
     * The same model with its variables relabelled: output i of the result is this model's output
     * {@code outputOrder[i]}, input j is this model's input {@code inputOrder[j]} (so are the input moments).
     *
     * @param outputOrder a permutation of 0..d_y−1.
     * @param inputOrder  a permutation of 0..d_x−1.
     * @return the relabelled model.
     */
    public LinearGaussianModel permuted(final int[] outputOrder, final int[] inputOrder) {
        Correspondence.requirePermutation("outputOrder", outputOrder, outputSize);
        Correspondence.requirePermutation("inputOrder", inputOrder, inputSize);
        final int dx = inputSize;
        final int dy = outputSize;
        final double[] w = new double[dy * dx];
        final double[] b = new double[dy];
        final double[] sigma = new double[dy * dy];
        for (int i = 0; i < dy; i++) {
            b[i] = bias[outputOrder[i]];
            for (int j = 0; j < dx; j++) {
                w[i * dx + j] = weights[outputOrder[i] * dx + inputOrder[j]];
            }
            for (int k = 0; k < dy; k++) {
                sigma[i * dy + k] = covariance[outputOrder[i] * dy + outputOrder[k]];
            }
        }
        final double[] mean = new double[dx];
        final double[] inputSigma = new double[dx * dx];
        for (int j = 0; j < dx; j++) {
            mean[j] = inputMean[inputOrder[j]];
            for (int l = 0; l < dx; l++) {
                inputSigma[j * dx + l] = inputCovariance[inputOrder[j] * dx + inputOrder[l]];
            }
        }
        return new LinearGaussianModel(dx, dy, w, b, sigma, count, mean, inputSigma);
    }

    /**
     * @param x   an input, from {@code offset}.
     * @param offset where the input starts in {@code x}.
     * @param out receives the conditional mean {@code W x + b}, {@code d_y} values.
     */
    public void mean(final double[] x, final int offset, final double[] out) {
        for (int j = 0; j < outputSize; j++) {
            out[j] = bias[j] + dot(weights, j * inputSize, x, offset, inputSize);
        }
    }

    private static double[] columnMeans(final double[] matrix, final int rows, final int columns) {
        final double[] mean = new double[columns];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < columns; j++) {
                mean[j] += matrix[t * columns + j];
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows;
        }
        return mean;
    }

    private static double dot(final double[] a, final int aOffset, final double[] b, final int length) {
        return dot(a, aOffset, b, 0, length);
    }

    private static double dot(final double[] a, final int aOffset, final double[] b, final int bOffset,
                              final int length) {
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    private static void requireLength(final String name, final double[] array, final int expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, had "
                + (array == null ? "none" : array.length));
        }
    }
}
