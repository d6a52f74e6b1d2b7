package dev.sparring.controller.policy;

/**
 * Runs a {@link PolicyModel} on the control thread: everything is preallocated at construction, and
 * {@link #act(double[], double[])} allocates nothing, takes no lock and throws nothing.
 * <p>
 * Inputs and outputs are {@code double} (the controller's buffers); inside, the network runs in float32, the
 * precision of the file's weights, with SIMD through the Vector API ({@link DenseKernels}; the JVM must be started
 * with {@code --add-modules=jdk.incubator.vector}, as jvm.properties lists). C2's auto-vectoriser does not vectorise
 * the plain-Java form of these loops on JDK 25 (two {@code float[]} that might alias keep it scalar), which measured
 * 7× slower. tanh is {@link FastTanh}; ELU uses {@link Math#expm1}, sigmoid {@link Math#exp}, both in double rounded
 * to float.
 * <p>
 * Deterministic: the same observation gives bit-identical actions on the same JVM and CPU; the order of the sums
 * depends on the vector width, so machines with different SIMD widths may differ in the last bits. A NaN observation
 * gives NaN actions (never clamped into a plausible command), which the safety supervisor sees. Not thread-safe: one
 * executor per control thread.
 */
public final class MlpExecutor implements ActionPolicy {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private final int observationSize;
    private final int actionSize;
    private final double[] observationMean;
    private final double[] observationInverseStd;
    private final double observationClip;
    private final double[] actionScale;
    private final double[] actionOffset;
    private final double[] actionLow;
    private final double[] actionHigh;
    private final int layerCount;
    private final int[] inputSizes;
    private final int[] paddedOutputSizes;
    private final Activation[] activations;
    private final float[][] weights;
    private final float[][] biases;
    private final float[] normalisedObservation;
    private final float[][] outputs;

    /**
     * Lays the weights out for SIMD and allocates every buffer.
     *
     * @param model the policy.
     * @throws IllegalStateException when the JVM was started without the Vector API module.
     */
    public MlpExecutor(final PolicyModel model) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new IllegalStateException("the policy executor needs the Vector API: start the JVM with "
                + "--add-modules=" + VECTOR_MODULE + " (the flags in jvm.properties include it)");
        }
        final int lanes = DenseKernels.LANES;
        observationSize = model.observationSize();
        actionSize = model.actionSize();
        observationMean = toDoubles(model.observationMean());
        observationInverseStd = toDoubles(model.observationStd());
        for (int i = 0; i < observationSize; i++) {
            observationInverseStd[i] = 1.0 / observationInverseStd[i];
        }
        observationClip = model.observationClip();
        actionScale = toDoubles(model.actionScale());
        actionOffset = toDoubles(model.actionOffset());
        actionLow = toDoubles(model.actionLow());
        actionHigh = toDoubles(model.actionHigh());
        layerCount = model.layerCount();
        inputSizes = new int[layerCount];
        paddedOutputSizes = new int[layerCount];
        activations = new Activation[layerCount];
        weights = new float[layerCount][];
        biases = new float[layerCount][];
        outputs = new float[layerCount][];
        for (int layer = 0; layer < layerCount; layer++) {
            final int in = model.layerInputSize(layer);
            final int out = model.layerSize(layer);
            final int padded = (out + lanes - 1) / lanes * lanes;
            inputSizes[layer] = in;
            paddedOutputSizes[layer] = padded;
            activations[layer] = model.activation(layer);
            weights[layer] = DenseKernels.pack(model.weights(layer), in, out, padded);
            biases[layer] = new float[padded];
            System.arraycopy(model.biases(layer), 0, biases[layer], 0, out);
            outputs[layer] = new float[padded];
        }
        normalisedObservation = new float[observationSize];
    }

    /**
     * @return the observation size the policy takes.
     */
    public int observationSize() {
        return observationSize;
    }

    /**
     * @return the action size the policy gives.
     */
    public int actionSize() {
        return actionSize;
    }

    /**
     * Computes the action for one observation: normalise and clip, run the layers, scale, offset and clamp to the
     * action limits.
     *
     * @param observation at least {@link #observationSize()} values; only read.
     * @param action      receives {@link #actionSize()} values within the limits (NaN if the observation had one).
     */
    @Override
    public void act(final double[] observation, final double[] action) {
        final float[] y = forward(observation);
        for (int k = 0; k < actionSize; k++) {
            action[k] = clamp(k, scale(k, y[k]));
        }
    }

    /**
     * Runs the network: normalise and clip the observation, then the layers.
     *
     * @param observation at least {@link #observationSize()} values; only read.
     * @return the network's output {@code y} (the first {@link #actionSize()} elements; the executor's own buffer,
     *         valid until the next call).
     */
    float[] forward(final double[] observation) {
        final float[] input = normalisedObservation;
        final double clip = observationClip;
        for (int j = 0; j < observationSize; j++) {
            final double z = (observation[j] - observationMean[j]) * observationInverseStd[j];
            input[j] = (float) Math.max(-clip, Math.min(clip, z));
        }
        float[] x = input;
        for (int layer = 0; layer < layerCount; layer++) {
            final float[] y = outputs[layer];
            final int padded = paddedOutputSizes[layer];
            DenseKernels.affine(weights[layer], biases[layer], x, inputSizes[layer], y, padded);
            switch (activations[layer]) {
                case TANH -> FastTanh.applyInPlace(y, padded);
                case RELU -> DenseKernels.reluInPlace(y, padded);
                case ELU -> eluInPlace(y, padded);
                case SIGMOID -> sigmoidInPlace(y, padded);
                case IDENTITY -> {
                }
            }
            x = y;
        }
        return x;
    }

    /**
     * @param k an action element.
     * @param y the network's output for it.
     * @return {@code scale · y + offset}, in action units, not yet clamped.
     */
    double scale(final int k, final double y) {
        return actionScale[k] * y + actionOffset[k];
    }

    /**
     * @param k an action element.
     * @param a an action in action units.
     * @return {@code a} clamped to the element's limits (NaN stays NaN).
     */
    double clamp(final int k, final double a) {
        return Math.max(actionLow[k], Math.min(actionHigh[k], a));
    }

    private static void eluInPlace(final float[] values, final int length) {
        for (int i = 0; i < length; i++) {
            final float v = values[i];
            values[i] = v > 0.0f ? v : (float) Math.expm1(v);
        }
    }

    private static void sigmoidInPlace(final float[] values, final int length) {
        for (int i = 0; i < length; i++) {
            values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
        }
    }

    private static double[] toDoubles(final float[] values) {
        final double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
