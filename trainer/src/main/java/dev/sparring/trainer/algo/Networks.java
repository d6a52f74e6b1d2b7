package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.Mlp;

/**
 * The networks of an actor-critic: tanh hidden layers, a linear output, orthogonal weights with gain √2 on hidden
 * layers and a small output gain (0.01 for the policy mean, so initial actions are near zero; 1 for the value), as
 * CleanRL and Stable-Baselines3 initialise them.
 */
public final class Networks {
    /** Orthogonal gain of tanh hidden layers. */
    public static final double HIDDEN_GAIN = Math.sqrt(2.0);
    /** Orthogonal gain of the policy mean's output layer. */
    public static final double POLICY_OUTPUT_GAIN = 0.01;
    /** Orthogonal gain of the value network's output layer. */
    public static final double VALUE_OUTPUT_GAIN = 1.0;

    private Networks() {
    }

    /**
     * A policy-mean network {@code observation → action mean}.
     *
     * @param observationSize the input width.
     * @param hiddenSizes     the hidden layer widths.
     * @param actionSize      the output width.
     * @param maxBatch        the largest batch.
     * @param seed            the initialisation seed.
     * @return the network.
     */
    public static Mlp policyMean(final int observationSize, final int[] hiddenSizes, final int actionSize,
        final int maxBatch, final long seed) {
        return build(observationSize, hiddenSizes, actionSize, POLICY_OUTPUT_GAIN, maxBatch, seed);
    }

    /**
     * A value network {@code observation → V(s)}.
     *
     * @param observationSize the input width.
     * @param hiddenSizes     the hidden layer widths.
     * @param maxBatch        the largest batch.
     * @param seed            the initialisation seed.
     * @return the network, with one output.
     */
    public static Mlp value(final int observationSize, final int[] hiddenSizes, final int maxBatch, final long seed) {
        return build(observationSize, hiddenSizes, 1, VALUE_OUTPUT_GAIN, maxBatch, seed);
    }

    private static Mlp build(final int inputSize, final int[] hiddenSizes, final int outputSize,
        final double outputGain, final int maxBatch, final long seed) {
        final int layerCount = hiddenSizes.length + 1;
        final int[] sizes = new int[layerCount + 1];
        final Activation[] activations = new Activation[layerCount];
        final double[] gains = new double[layerCount];
        sizes[0] = inputSize;
        for (int l = 0; l < hiddenSizes.length; l++) {
            sizes[l + 1] = hiddenSizes[l];
            activations[l] = Activation.TANH;
            gains[l] = HIDDEN_GAIN;
        }
        sizes[layerCount] = outputSize;
        activations[layerCount - 1] = Activation.IDENTITY;
        gains[layerCount - 1] = outputGain;
        return new Mlp(sizes, activations, gains, maxBatch, seed);
    }
}
