package dev.sparring.trainer.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron over batches, with all weights and biases in one flat parameter vector and their
 * gradients in a flat vector of the same layout (the view TRPO's conjugate gradient and Adam work on).
 *
 * <p>Weights are initialised orthogonally with a gain per layer and biases at zero. After construction,
 * {@link #forward} and {@link #backward} allocate nothing.
 */
public final class Mlp {
    private final DenseLayer[] layers;
    private final double[] parameters;
    private final double[] gradients;
    private final int maxBatch;

    /**
     * Builds a network and initialises it.
     *
     * @param sizes       layer widths, input first: {@code sizes.length - 1} dense layers.
     * @param activations one activation per dense layer.
     * @param gains       one orthogonal-initialisation gain per dense layer.
     * @param maxBatch    the largest batch {@link #forward} will be given.
     * @param seed        the seed of the initialisation.
     */
    public Mlp(
        final int[] sizes, final Activation[] activations, final double[] gains, final int maxBatch,
        final long seed) {
        final int layerCount = sizes.length - 1;
        if (layerCount < 1) {
            throw new IllegalArgumentException("sizes must name at least an input and an output, was "
                + sizes.length + " entries");
        }
        if (activations.length != layerCount || gains.length != layerCount) {
            throw new IllegalArgumentException("activations and gains need " + layerCount + " entries, were "
                + activations.length + " and " + gains.length);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        int count = 0;
        for (int l = 0; l < layerCount; l++) {
            if (sizes[l] < 1 || sizes[l + 1] < 1) {
                throw new IllegalArgumentException("layer sizes must be >= 1, layer " + l + " was "
                    + sizes[l] + " -> " + sizes[l + 1]);
            }
            count += DenseLayer.parameterCount(sizes[l], sizes[l + 1]);
        }
        this.parameters = new double[count];
        this.gradients = new double[count];
        this.maxBatch = maxBatch;
        this.layers = new DenseLayer[layerCount];
        final SplittableRandom random = new SplittableRandom(seed);
        int offset = 0;
        for (int l = 0; l < layerCount; l++) {
            layers[l] = new DenseLayer(sizes[l], sizes[l + 1], activations[l], maxBatch, parameters, gradients,
                offset);
            Orthogonal.fill(parameters, offset, sizes[l + 1], sizes[l], gains[l], random);
            offset += DenseLayer.parameterCount(sizes[l], sizes[l + 1]);
        }
    }

    /**
     * Computes the network's output for a batch.
     *
     * @param x         row-major {@code batchSize × inputSize} input; must not change before {@link #backward}.
     * @param batchSize the number of rows, at most {@link #maxBatch()}.
     * @return the output buffer, row-major {@code batchSize × outputSize}, valid until the next call.
     */
    public double[] forward(final double[] x, final int batchSize) {
        if (batchSize < 1 || batchSize > maxBatch) {
            throw new IllegalArgumentException("batchSize must be in [1, " + maxBatch + "], was " + batchSize);
        }
        double[] activations = x;
        final DenseLayer[] ls = layers;
        for (int l = 0; l < ls.length; l++) {
            activations = ls[l].forward(activations, batchSize);
        }
        return activations;
    }

    /**
     * Backpropagates {@code dL/dOutput} through the network after a {@link #forward} of the same batch, adding the
     * parameter gradients to {@link #gradients()}.
     *
     * @param dOutput   row-major {@code batchSize × outputSize} gradient w.r.t. the output.
     * @param batchSize the number of rows, as in the last {@link #forward}.
     * @return the gradient w.r.t. the input, row-major {@code batchSize × inputSize} (an internal buffer).
     */
    public double[] backward(final double[] dOutput, final int batchSize) {
        double[] delta = dOutput;
        final DenseLayer[] ls = layers;
        for (int l = ls.length - 1; l >= 0; l--) {
            delta = ls[l].backward(delta, batchSize);
        }
        return delta;
    }

    /**
     * A network of the same shape and parameters with its own buffers: a copy for another thread or batch size.
     *
     * @param replicaMaxBatch the largest batch the copy's {@link #forward} will be given.
     * @return the copy.
     */
    public Mlp replica(final int replicaMaxBatch) {
        final int layerCount = layers.length;
        final int[] sizes = new int[layerCount + 1];
        final Activation[] activations = new Activation[layerCount];
        final double[] gains = new double[layerCount];
        sizes[0] = layers[0].inputSize();
        for (int l = 0; l < layerCount; l++) {
            sizes[l + 1] = layers[l].outputSize();
            activations[l] = layers[l].activation();
            gains[l] = 1.0;
        }
        final Mlp copy = new Mlp(sizes, activations, gains, replicaMaxBatch, 0L);
        copy.setParameters(parameters);
        return copy;
    }

    /**
     * Whether another network has the same layer widths and activations, so parameters can be copied between them.
     *
     * @param other the other network.
     * @return {@code true} when the shapes match.
     */
    public boolean sameShape(final Mlp other) {
        if (other.layers.length != layers.length) {
            return false;
        }
        for (int l = 0; l < layers.length; l++) {
            final DenseLayer a = layers[l];
            final DenseLayer b = other.layers[l];
            if (a.inputSize() != b.inputSize() || a.outputSize() != b.outputSize()
                || a.activation() != b.activation()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The input width.
     *
     * @return the first layer's input size.
     */
    public int inputSize() {
        return layers[0].inputSize();
    }

    /**
     * The output width.
     *
     * @return the last layer's output size.
     */
    public int outputSize() {
        return layers[layers.length - 1].outputSize();
    }

    /**
     * The Jacobian-vector product {@code J v} of the output w.r.t. the parameters along a direction, after a
     * {@link #forward} of the same batch (forward-mode differentiation; the activations of that forward are reused).
     *
     * @param direction a parameter-space direction, at least {@link #parameterCount()} values in the layout of
     *                  {@link #parameters()}.
     * @param batchSize the number of rows, as in the last {@code forward}.
     * @return row-major {@code batchSize × outputSize} output tangents (an internal buffer).
     */
    public double[] jacobianVectorProduct(final double[] direction, final int batchSize) {
        double[] tangent = null;
        final DenseLayer[] ls = layers;
        for (int l = 0; l < ls.length; l++) {
            tangent = ls[l].forwardTangent(tangent, direction, batchSize);
        }
        return tangent;
    }

    /** Sets every accumulated gradient to zero. */
    public void zeroGradients() {
        Arrays.fill(gradients, 0.0);
    }

    /**
     * The flat parameter vector, live: writes change the network.
     *
     * @return the parameters, layer by layer, each as {@code W} row-major then {@code b}.
     */
    public double[] parameters() {
        return parameters;
    }

    /**
     * Copies the flat parameter vector out.
     *
     * @param destination an array of at least {@link #parameterCount()} values.
     */
    public void copyParameters(final double[] destination) {
        System.arraycopy(parameters, 0, destination, 0, parameters.length);
    }

    /**
     * Replaces the flat parameter vector.
     *
     * @param source an array of at least {@link #parameterCount()} values.
     */
    public void setParameters(final double[] source) {
        System.arraycopy(source, 0, parameters, 0, parameters.length);
    }

    /**
     * The flat gradient vector, live, in the layout of {@link #parameters()}.
     *
     * @return the accumulated gradients.
     */
    public double[] gradients() {
        return gradients;
    }

    /**
     * The number of parameters.
     *
     * @return the length of the flat vectors.
     */
    public int parameterCount() {
        return parameters.length;
    }

    /**
     * The number of dense layers.
     *
     * @return the layer count.
     */
    public int layerCount() {
        return layers.length;
    }

    /**
     * A dense layer.
     *
     * @param index the layer, 0 nearest the input.
     * @return the layer.
     */
    public DenseLayer layer(final int index) {
        return layers[index];
    }

    /**
     * The largest batch the buffers hold.
     *
     * @return the maximum batch size.
     */
    public int maxBatch() {
        return maxBatch;
    }
}
