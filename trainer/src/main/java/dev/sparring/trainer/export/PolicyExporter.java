package dev.sparring.trainer.export;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.DenseLayer;
import dev.sparring.trainer.nn.Mlp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Maps a {@link PolicySnapshot} onto the controller's {@link PolicyModel} and writes it as a policy file.
 *
 * <p>The controller computes {@code clamp(scale · y + offset, low, high)} on the network output {@code y}; the
 * snapshot means {@code scale · clamp(y, lowTask, highTask)}. The two agree with {@code offset = 0} and the bounds
 * scaled: {@code low = min(scale · lowTask, scale · highTask)}, {@code high = max(…)} (the min/max keeps a negative
 * scale, which flips an actuator's direction, correct). The network's weights, biases and the normaliser are rounded
 * to float32, the file's precision. The Gaussian's {@code log σ}, when the snapshot has it, is stored as it is (the
 * file's {@code y} is the trainer's policy-unit action, the space the Gaussian lives in), clamped to the file's range
 * [{@value PolicyModel#MIN_LOG_STD}, {@value PolicyModel#MAX_LOG_STD}] so a long run's export never fails on it; the
 * file is then version 2.
 */
public final class PolicyExporter {
    private PolicyExporter() {
    }

    /**
     * @param snapshot the trained policy.
     * @return the controller's model of it.
     * @throws IllegalArgumentException when a value does not fit the policy file (a weight that is not finite, a
     *                                  value beyond float32's range), naming it.
     */
    public static PolicyModel toModel(final PolicySnapshot snapshot) {
        final Mlp network = snapshot.meanNetwork();
        final double[] parameters = network.parameters();
        final int layerCount = network.layerCount();
        final int[] layerSizes = new int[layerCount];
        final dev.sparring.controller.policy.Activation[] activations =
            new dev.sparring.controller.policy.Activation[layerCount];
        final float[][] weights = new float[layerCount][];
        final float[][] biases = new float[layerCount][];
        for (int l = 0; l < layerCount; l++) {
            final DenseLayer layer = network.layer(l);
            final int weightCount = layer.outputSize() * layer.inputSize();
            layerSizes[l] = layer.outputSize();
            activations[l] = activation(layer.activation());
            weights[l] = toFloats(parameters, layer.offset(), weightCount);
            biases[l] = toFloats(parameters, layer.offset() + weightCount, layer.outputSize());
        }
        final int actionSize = snapshot.actionSize();
        final float[] low = new float[actionSize];
        final float[] high = new float[actionSize];
        for (int k = 0; k < actionSize; k++) {
            final double scale = snapshot.actionScale()[k];
            final double scaledLow = scale * snapshot.actionLow()[k];
            final double scaledHigh = scale * snapshot.actionHigh()[k];
            low[k] = (float) Math.min(scaledLow, scaledHigh);
            high[k] = (float) Math.max(scaledLow, scaledHigh);
        }
        try {
            return new PolicyModel(snapshot.observationSize(), layerSizes, activations, weights, biases,
                toFloats(snapshot.observationMean(), 0, snapshot.observationSize()),
                toFloats(snapshot.observationStd(), 0, snapshot.observationSize()),
                (float) snapshot.observationClip(), toFloats(snapshot.actionScale(), 0, actionSize),
                new float[actionSize], low, high, logStd(snapshot.actionLogStd()), snapshot.metadata());
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot export the policy as float32: " + e.getMessage(), e);
        }
    }

    /**
     * @param snapshot the trained policy.
     * @return the policy file's bytes.
     */
    public static byte[] toBytes(final PolicySnapshot snapshot) {
        return PolicyWriter.toBytes(toModel(snapshot));
    }

    /**
     * Writes the policy file atomically (a temporary file renamed over the target).
     *
     * @param snapshot the trained policy.
     * @param file     the destination, conventionally {@code *.policy}.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final PolicySnapshot snapshot, final Path file) throws IOException {
        PolicyWriter.write(toModel(snapshot), file);
    }

    /**
     * The one mapping from the trainer's activations to the policy file's.
     *
     * @param activation a trainer activation.
     * @return the controller activation that computes the same function.
     */
    public static dev.sparring.controller.policy.Activation activation(final Activation activation) {
        return switch (activation) {
            case IDENTITY -> dev.sparring.controller.policy.Activation.IDENTITY;
            case TANH -> dev.sparring.controller.policy.Activation.TANH;
            case RELU -> dev.sparring.controller.policy.Activation.RELU;
        };
    }

    private static float[] logStd(final double[] logStd) {
        if (logStd == null) {
            return null;
        }
        final float[] clamped = new float[logStd.length];
        for (int k = 0; k < logStd.length; k++) {
            clamped[k] = (float) Math.max(PolicyModel.MIN_LOG_STD, Math.min(PolicyModel.MAX_LOG_STD, logStd[k]));
        }
        return clamped;
    }

    private static float[] toFloats(final double[] values, final int offset, final int count) {
        final float[] floats = new float[count];
        for (int i = 0; i < count; i++) {
            floats[i] = (float) values[offset + i];
        }
        return floats;
    }
}
