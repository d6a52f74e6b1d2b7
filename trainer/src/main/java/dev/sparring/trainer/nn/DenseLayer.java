package dev.sparring.trainer.nn;

/**
 * A fully connected layer {@code y = f(x Wᵀ + b)} over a batch of rows, with its weights and gradients kept in
 * slices of the owning network's flat parameter and gradient vectors.
 *
 * <p>Layout in the flat vectors, starting at {@link #offset()}: {@code W} row-major as {@code outputSize} rows of
 * {@code inputSize} values, then {@code b} as {@code outputSize} values. Activations are row-major
 * {@code batch × size}. All buffers are sized for the maximum batch at construction.
 */
public final class DenseLayer {
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
        final int n = inputSize;
        final int m = outputSize;
        final double[] p = parameters;
        final int biasOffset = offset + m * n;
        final double[] y = output;
        for (int s = 0; s < batchSize; s++) {
            final int xRow = s * n;
            final int yRow = s * m;
            for (int j = 0; j < m; j++) {
                final int wRow = offset + j * n;
                double sum = p[biasOffset + j];
                for (int i = 0; i < n; i++) {
                    sum += p[wRow + i] * x[xRow + i];
                }
                y[yRow + j] = activation.apply(sum);
            }
        }
        input = x;
        return y;
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
        for (int k = 0, size = batchSize * m; k < size; k++) {
            dz[k] = dOutput[k] * activation.derivativeFromOutput(y[k]);
        }
        for (int s = 0; s < batchSize; s++) {
            final int xRow = s * n;
            final int zRow = s * m;
            for (int i = 0; i < n; i++) {
                dx[xRow + i] = 0.0;
            }
            for (int j = 0; j < m; j++) {
                final double d = dz[zRow + j];
                final int wRow = offset + j * n;
                g[biasOffset + j] += d;
                for (int i = 0; i < n; i++) {
                    g[wRow + i] += d * x[xRow + i];
                    dx[xRow + i] += d * p[wRow + i];
                }
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
        final int n = inputSize;
        final int m = outputSize;
        final double[] p = parameters;
        final int biasOffset = offset + m * n;
        final double[] x = input;
        final double[] y = output;
        final double[] dy = tangent;
        for (int s = 0; s < batchSize; s++) {
            final int xRow = s * n;
            final int yRow = s * m;
            for (int j = 0; j < m; j++) {
                final int wRow = offset + j * n;
                double sum = direction[biasOffset + j];
                for (int i = 0; i < n; i++) {
                    sum += direction[wRow + i] * x[xRow + i];
                }
                if (dInputTangent != null) {
                    for (int i = 0; i < n; i++) {
                        sum += p[wRow + i] * dInputTangent[xRow + i];
                    }
                }
                dy[yRow + j] = activation.derivativeFromOutput(y[yRow + j]) * sum;
            }
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
