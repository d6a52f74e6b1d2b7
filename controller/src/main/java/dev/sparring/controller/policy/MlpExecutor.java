package dev.sparring.controller.policy;

import dev.sparring.controller.ActionPolicy;

/**
 * Runs a {@link PolicyModel} on the control thread: allocation-free, lock-free, exception-free after construction,
 * deterministic. Computes in float32 (the file's precision). Each layer's weights are stored transposed (column
 * {@code j} of W contiguous), so the inner loop is {@code out[i] += W[i][j] · x[j]} over i, an axpy that C2
 * vectorises with AVX2/NEON FMA; a row-by-row dot product would be a reduction, which it does not vectorise. tanh is
 * {@link FastTanh}. NaN in the observation propagates to the action, where the safety supervisor sees it.
 */
public final class MlpExecutor implements ActionPolicy {
    private static final int IDENTITY = 0;
    private static final int TANH = 1;
    private static final int RELU = 2;
    private static final int ELU = 3;

    private final int observationSize;
    private final int actionSize;
    private final int layerCount;
    private final int[] inputs;
    private final int[] outputs;
    private final int[] activations;
    private final float[][] columns;
    private final float[][] biases;
    private final float[] mean;
    private final float[] inverseStd;
    private final float clip;
    private final float[] scale;
    private final float[] offset;
    private final float[] low;
    private final float[] high;
    private final float[] bufferA;
    private final float[] bufferB;

    /**
     * @param model the policy to run.
     */
    public MlpExecutor(final PolicyModel model) {
        observationSize = model.observationSize();
        actionSize = model.actionSize();
        layerCount = model.layerCount();
        inputs = new int[layerCount];
        outputs = new int[layerCount];
        activations = new int[layerCount];
        columns = new float[layerCount][];
        biases = new float[layerCount][];
        int widest = observationSize;
        for (int layer = 0; layer < layerCount; layer++) {
            final int in = model.layerInputSize(layer);
            final int out = model.layerSize(layer);
            inputs[layer] = in;
            outputs[layer] = out;
            activations[layer] = model.activation(layer).code();
            final float[] rowMajor = model.weights(layer);
            final float[] transposed = new float[in * out];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) {
                    transposed[j * out + i] = rowMajor[i * in + j];
                }
            }
            columns[layer] = transposed;
            biases[layer] = model.biases(layer);
            widest = Math.max(widest, out);
        }
        mean = model.observationMean();
        inverseStd = model.observationStd();
        for (int i = 0; i < inverseStd.length; i++) {
            inverseStd[i] = 1.0f / inverseStd[i];
        }
        clip = model.observationClip();
        scale = model.actionScale();
        offset = model.actionOffset();
        low = model.actionLow();
        high = model.actionHigh();
        bufferA = new float[widest];
        bufferB = new float[widest];
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

    @Override
    public void act(final double[] observation, final double[] action) {
        float[] x = bufferA;
        float[] y = bufferB;
        final float clip = this.clip;
        for (int i = 0; i < observationSize; i++) {
            final float normalised = ((float) observation[i] - mean[i]) * inverseStd[i];
            x[i] = Math.max(-clip, Math.min(clip, normalised));
        }
        for (int layer = 0; layer < layerCount; layer++) {
            layer(columns[layer], biases[layer], inputs[layer], outputs[layer], x, y);
            activate(activations[layer], y, outputs[layer]);
            final float[] swap = x;
            x = y;
            y = swap;
        }
        for (int i = 0; i < actionSize; i++) {
            final float value = scale[i] * x[i] + offset[i];
            action[i] = Math.max(low[i], Math.min(high[i], value));
        }
    }

    private static void layer(final float[] columns, final float[] bias, final int in, final int out, final float[] x,
        final float[] y) {
        System.arraycopy(bias, 0, y, 0, out);
        for (int j = 0; j < in; j++) {
            final float xj = x[j];
            final int base = j * out;
            for (int i = 0; i < out; i++) {
                y[i] += columns[base + i] * xj;
            }
        }
    }

    private static void activate(final int activation, final float[] values, final int length) {
        switch (activation) {
            case TANH -> FastTanh.tanh(values, length);
            case RELU -> {
                for (int i = 0; i < length; i++) {
                    values[i] = Math.max(0.0f, values[i]);
                }
            }
            case ELU -> {
                for (int i = 0; i < length; i++) {
                    final float v = values[i];
                    values[i] = v > 0 ? v : (float) Math.expm1(v);
                }
            }
            default -> {
                assert activation == IDENTITY;
            }
        }
    }
}
