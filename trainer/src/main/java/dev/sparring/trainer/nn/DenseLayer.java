package dev.sparring.trainer.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A fully connected layer {@code y = f(x Wᵀ + b)} over a batch of rows, with its weights and gradients kept in
 * slices of the owning network's flat parameter and gradient vectors.
 *
 * <p>Layout in the flat vectors, starting at {@link #offset()}: {@code W} row-major as {@code outputSize} rows of
 * {@code inputSize} values, then {@code b} as {@code outputSize} values. Activations are row-major
 * {@code batch × size}. All buffers are sized for the maximum batch at construction.
 */
public final class DenseLayer {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int inputSize;
    private final int outputSize;
    private final Activation activation;
    private final double[] parameters;
    private final double[] gradients;
    private final int offset;
    private final double[] output;
    private final double[] dPreActivation;
    private final double[] dInput;
    private final double[] tangent;
    private final double[] lanes = new double[LANES];
    private double[] input;

    DenseLayer(
        final int inputSize,
        final int outputSize,
        final Activation activation,
        final int maxBatch,
        final double[] parameters,
        final double[] gradients,
        final int offset) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.activation = activation;
        this.parameters = parameters;
        this.gradients = gradients;
        this.offset = offset;
        this.output = new double[maxBatch * outputSize];
        this.dPreActivation = new double[maxBatch * outputSize];
        this.dInput = new double[maxBatch * inputSize];
        this.tangent = new double[maxBatch * outputSize];
    }

    /**
     * The number of parameters of a layer of this shape.
     *
     * @param inputSize  the input width.
     * @param outputSize the output width.
     * @return {@code outputSize × inputSize + outputSize}.
     */
    public static int parameterCount(final int inputSize, final int outputSize) {
        return outputSize * inputSize + outputSize;
    }

    /**
     * Computes the layer's output for a batch and remembers the input for {@link #backward}.
     *
     * @param x         row-major {@code batchSize × inputSize} input; must not change before {@code backward}.
     * @param batchSize the number of rows.
     * @return the layer's output buffer, row-major {@code batchSize × outputSize}.
     */
    public double[] forward(final double[] x, final int batchSize) {
        final int m = outputSize;
        final double[] y = output;
        affine(parameters, offset, offset + m * inputSize, x, y, batchSize, false);
        activation.applyInPlace(y, batchSize * m);
        input = x;
        return y;
    }

    /**
     * The layer's affine map over a batch with the weights and biases of a flat vector {@code w} (the parameters, or a
     * direction in parameter space): {@code y = W x + b}, or {@code y += W x} when accumulating (no bias). Rows of W are
     * taken four at a time against one input row, each dot product in fixed-width lanes summed in lane order, so the
     * result does not change with JIT compilation.
     *
     * @param w          the flat vector holding W (row-major, from {@code wOffset}) and b (from {@code biasOffset}).
     * @param wOffset    where W starts.
     * @param biasOffset where b starts (ignored when accumulating).
     * @param x          row-major {@code batchSize × inputSize} input.
     * @param y          row-major {@code batchSize × outputSize} output.
     * @param batchSize  the number of rows.
     * @param accumulate add {@code W x} to {@code y} instead of writing {@code W x + b}.
     */
    private void affine(final double[] w, final int wOffset, final int biasOffset, final double[] x, final double[] y,
        final int batchSize, final boolean accumulate) {
        final int n = inputSize;
        final int m = outputSize;
        final int vectorEnd = SPECIES.loopBound(n);
        for (int s = 0; s < batchSize; s++) {
            final int xRow = s * n;
            final int yRow = s * m;
            int j = 0;
            for (; j + 3 < m; j += 4) {
                final int w0 = wOffset + j * n;
                final int w1 = w0 + n;
                final int w2 = w1 + n;
                final int w3 = w2 + n;
                DoubleVector acc0 = DoubleVector.zero(SPECIES);
                DoubleVector acc1 = DoubleVector.zero(SPECIES);
                DoubleVector acc2 = DoubleVector.zero(SPECIES);
                DoubleVector acc3 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < vectorEnd; i += LANES) {
                    final DoubleVector xv = DoubleVector.fromArray(SPECIES, x, xRow + i);
                    acc0 = DoubleVector.fromArray(SPECIES, w, w0 + i).fma(xv, acc0);
                    acc1 = DoubleVector.fromArray(SPECIES, w, w1 + i).fma(xv, acc1);
                    acc2 = DoubleVector.fromArray(SPECIES, w, w2 + i).fma(xv, acc2);
                    acc3 = DoubleVector.fromArray(SPECIES, w, w3 + i).fma(xv, acc3);
                }
                y[yRow + j] = start(w, biasOffset + j, y, yRow + j, accumulate) + sumLanes(acc0)
                    + tailDot(w, w0, x, xRow, vectorEnd, n);
                y[yRow + j + 1] = start(w, biasOffset + j + 1, y, yRow + j + 1, accumulate) + sumLanes(acc1)
                    + tailDot(w, w1, x, xRow, vectorEnd, n);
                y[yRow + j + 2] = start(w, biasOffset + j + 2, y, yRow + j + 2, accumulate) + sumLanes(acc2)
                    + tailDot(w, w2, x, xRow, vectorEnd, n);
                y[yRow + j + 3] = start(w, biasOffset + j + 3, y, yRow + j + 3, accumulate) + sumLanes(acc3)
                    + tailDot(w, w3, x, xRow, vectorEnd, n);
            }
            for (; j < m; j++) {
                final int w0 = wOffset + j * n;
                DoubleVector acc0 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < vectorEnd; i += LANES) {
                    acc0 = DoubleVector.fromArray(SPECIES, w, w0 + i).fma(DoubleVector.fromArray(SPECIES, x, xRow + i),
                        acc0);
                }
                y[yRow + j] = start(w, biasOffset + j, y, yRow + j, accumulate) + sumLanes(acc0)
                    + tailDot(w, w0, x, xRow, vectorEnd, n);
            }
        }
    }

    private static double start(final double[] w, final int bias, final double[] y, final int out,
        final boolean accumulate) {
        return accumulate ? y[out] : w[bias];
    }

    /**
     * The sum of a vector's lanes in lane order. Not {@code reduceLanes}, whose order differs between the
     * interpreter and compiled code: the layer must give the same bits before and after JIT compilation.
     */
    private double sumLanes(final DoubleVector v) {
        final double[] l = lanes;
        v.intoArray(l, 0);
        double sum = l[0];
        for (int k = 1; k < LANES; k++) {
            sum += l[k];
        }
        return sum;
    }

    private static double tailDot(final double[] w, final int wRow, final double[] x, final int xRow, final int from,
        final int n) {
        double sum = 0.0;
        for (int i = from; i < n; i++) {
            sum += w[wRow + i] * x[xRow + i];
        }
        return sum;
    }

    /**
     * Backpropagates the gradient of a scalar loss through the layer, adding {@code dW} and {@code db} to the
     * gradient vector.
     *
     * @param dOutput   row-major {@code batchSize × outputSize} gradient of the loss w.r.t. the layer's output.
     * @param batchSize the number of rows, as in the last {@link #forward}.
     * @return the gradient w.r.t. the layer's input, row-major {@code batchSize × inputSize} (an internal buffer).
     */
    public double[] backward(final double[] dOutput, final int batchSize) {
        final int n = inputSize;
        final int m = outputSize;
        final double[] p = parameters;
        final double[] g = gradients;
        final int biasOffset = offset + m * n;
        final double[] x = input;
        final double[] y = output;
        final double[] dz = dPreActivation;
        final double[] dx = dInput;
        final int vectorEnd = SPECIES.loopBound(n);
        for (int k = 0, size = batchSize * m; k < size; k++) {
            dz[k] = dOutput[k] * activation.derivativeFromOutput(y[k]);
        }
        final int blockEnd = n - n % (4 * LANES);
        for (int j = 0; j < m; j++) {
            final int wRow = offset + j * n;
            double bias = 0.0;
            for (int s = 0; s < batchSize; s++) {
                bias += dz[s * m + j];
            }
            g[biasOffset + j] += bias;
            int i = 0;
            for (; i < blockEnd; i += 4 * LANES) {
                DoubleVector acc0 = DoubleVector.fromArray(SPECIES, g, wRow + i);
                DoubleVector acc1 = DoubleVector.fromArray(SPECIES, g, wRow + i + LANES);
                DoubleVector acc2 = DoubleVector.fromArray(SPECIES, g, wRow + i + 2 * LANES);
                DoubleVector acc3 = DoubleVector.fromArray(SPECIES, g, wRow + i + 3 * LANES);
                for (int s = 0; s < batchSize; s++) {
                    final DoubleVector d = DoubleVector.broadcast(SPECIES, dz[s * m + j]);
                    final int xi = s * n + i;
                    acc0 = DoubleVector.fromArray(SPECIES, x, xi).fma(d, acc0);
                    acc1 = DoubleVector.fromArray(SPECIES, x, xi + LANES).fma(d, acc1);
                    acc2 = DoubleVector.fromArray(SPECIES, x, xi + 2 * LANES).fma(d, acc2);
                    acc3 = DoubleVector.fromArray(SPECIES, x, xi + 3 * LANES).fma(d, acc3);
                }
                acc0.intoArray(g, wRow + i);
                acc1.intoArray(g, wRow + i + LANES);
                acc2.intoArray(g, wRow + i + 2 * LANES);
                acc3.intoArray(g, wRow + i + 3 * LANES);
            }
            for (; i < vectorEnd; i += LANES) {
                DoubleVector acc = DoubleVector.fromArray(SPECIES, g, wRow + i);
                for (int s = 0; s < batchSize; s++) {
                    acc = DoubleVector.fromArray(SPECIES, x, s * n + i)
                        .fma(DoubleVector.broadcast(SPECIES, dz[s * m + j]), acc);
                }
                acc.intoArray(g, wRow + i);
            }
            for (; i < n; i++) {
                double sum = g[wRow + i];
                for (int s = 0; s < batchSize; s++) {
                    sum += dz[s * m + j] * x[s * n + i];
                }
                g[wRow + i] = sum;
            }
        }
        for (int s = 0; s < batchSize; s++) {
            final int xRow = s * n;
            final int zRow = s * m;
            int i = 0;
            for (; i < blockEnd; i += 4 * LANES) {
                DoubleVector acc0 = DoubleVector.zero(SPECIES);
                DoubleVector acc1 = DoubleVector.zero(SPECIES);
                DoubleVector acc2 = DoubleVector.zero(SPECIES);
                DoubleVector acc3 = DoubleVector.zero(SPECIES);
                for (int j = 0; j < m; j++) {
                    final DoubleVector d = DoubleVector.broadcast(SPECIES, dz[zRow + j]);
                    final int wi = offset + j * n + i;
                    acc0 = DoubleVector.fromArray(SPECIES, p, wi).fma(d, acc0);
                    acc1 = DoubleVector.fromArray(SPECIES, p, wi + LANES).fma(d, acc1);
                    acc2 = DoubleVector.fromArray(SPECIES, p, wi + 2 * LANES).fma(d, acc2);
                    acc3 = DoubleVector.fromArray(SPECIES, p, wi + 3 * LANES).fma(d, acc3);
                }
                acc0.intoArray(dx, xRow + i);
                acc1.intoArray(dx, xRow + i + LANES);
                acc2.intoArray(dx, xRow + i + 2 * LANES);
                acc3.intoArray(dx, xRow + i + 3 * LANES);
            }
            for (; i < vectorEnd; i += LANES) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int j = 0; j < m; j++) {
                    acc = DoubleVector.fromArray(SPECIES, p, offset + j * n + i)
                        .fma(DoubleVector.broadcast(SPECIES, dz[zRow + j]), acc);
                }
                acc.intoArray(dx, xRow + i);
            }
            for (; i < n; i++) {
                double sum = 0.0;
                for (int j = 0; j < m; j++) {
                    sum += dz[zRow + j] * p[offset + j * n + i];
                }
                dx[xRow + i] = sum;
            }
        }
        return dx;
    }

    /**
     * Forward-mode derivative (a Jacobian-vector product) after a {@link #forward} of the same batch: the change of
     * the output when the parameters move along {@code direction} and the input along {@code dInputTangent},
     * {@code dy = f'(z) ⊙ (dW x + W dx + db)}.
     *
     * @param dInputTangent row-major {@code batchSize × inputSize} input tangent, or {@code null} for zero (the
     *                      network's input does not depend on the parameters).
     * @param direction     a parameter-space direction in the layout of the flat parameter vector.
     * @param batchSize     the number of rows, as in the last {@code forward}.
     * @return the output tangent, row-major {@code batchSize × outputSize} (an internal buffer).
     */
    public double[] forwardTangent(final double[] dInputTangent, final double[] direction, final int batchSize) {
        final int m = outputSize;
        final double[] y = output;
        final double[] dy = tangent;
        affine(direction, offset, offset + m * inputSize, input, dy, batchSize, false);
        if (dInputTangent != null) {
            affine(parameters, offset, 0, dInputTangent, dy, batchSize, true);
        }
        final int count = batchSize * m;
        for (int k = 0; k < count; k++) {
            dy[k] *= activation.derivativeFromOutput(y[k]);
        }
        return dy;
    }

    /**
     * The input width.
     *
     * @return the number of inputs per row.
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * The output width.
     *
     * @return the number of outputs per row.
     */
    public int outputSize() {
        return outputSize;
    }

    /**
     * The activation applied after the affine map.
     *
     * @return the activation.
     */
    public Activation activation() {
        return activation;
    }

    /**
     * Where this layer's {@code W} starts in the flat parameter vector; {@code b} follows it.
     *
     * @return the offset into the flat vectors.
     */
    public int offset() {
        return offset;
    }
}
