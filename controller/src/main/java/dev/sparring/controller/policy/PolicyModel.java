package dev.sparring.controller.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy in memory: a multi-layer perceptron with observation normalisation before it and action scaling and
 * limits after it, as stored in a policy file ({@code docs/formats.md}). Immutable; validated on construction, so a
 * model that exists is a model the executor can run.
 * <p>
 * Forward pass: {@code z = clip((obs − mean) / std, ±clip)}; for each layer {@code z = act(W z + b)} with W stored
 * row-major {@code out × in}; {@code action = clamp(scale · z + offset, low, high)}.
 * <p>
 * Optionally (policy file version 2) the Gaussian the policy was trained with: a state-independent {@code log σ} per
 * action element, in the units of the network's output {@code y} (the trainer's policy units, before {@code scale});
 * an exploring controller acts on {@code y + σ ⊙ ε}, {@code ε ~ N(0, I)} ({@link GaussianExplorer}).
 */
public final class PolicyModel {
    /** Largest observation, action or layer width accepted. */
    public static final int MAX_WIDTH = 1 << 16;
    /** Largest number of layers accepted. */
    public static final int MAX_LAYERS = 64;
    /** Smallest action log-std accepted: σ ≈ 2·10⁻⁹, the trainer's "practically deterministic". */
    public static final float MIN_LOG_STD = -20.0f;
    /** Largest action log-std accepted: σ ≈ 7.4 network-output units, far wider than any trained policy's. */
    public static final float MAX_LOG_STD = 2.0f;

    private final int observationSize;
    private final int actionSize;
    private final int[] layerSizes;
    private final Activation[] activations;
    private final float[][] weights;
    private final float[][] biases;
    private final float[] observationMean;
    private final float[] observationStd;
    private final float observationClip;
    private final float[] actionScale;
    private final float[] actionOffset;
    private final float[] actionLow;
    private final float[] actionHigh;
    private final float[] actionLogStd;
    private final Map<String, String> metadata;

    /**
     * @param observationSize input width.
     * @param layerSizes      output width of each layer; the last is the action size.
     * @param activations     activation of each layer.
     * @param weights         per layer, row-major {@code out × in}.
     * @param biases          per layer, {@code out}.
     * @param observationMean per observation element.
     * @param observationStd  per observation element, &gt; 0.
     * @param observationClip normalised observations are clipped to ±this, &gt; 0 (use a large value for none).
     * @param actionScale     per action element.
     * @param actionOffset    per action element.
     * @param actionLow       per action element, lower limit.
     * @param actionHigh      per action element, upper limit, &gt;= low.
     * @param metadata        free text key/value pairs (name, trainer, seed, created...).
     * @throws IllegalArgumentException saying which field is wrong and how.
     */
    public PolicyModel(final int observationSize, final int[] layerSizes, final Activation[] activations,
        final float[][] weights, final float[][] biases, final float[] observationMean, final float[] observationStd,
        final float observationClip, final float[] actionScale, final float[] actionOffset, final float[] actionLow,
        final float[] actionHigh, final Map<String, String> metadata) {
        this(observationSize, layerSizes, activations, weights, biases, observationMean, observationStd,
            observationClip, actionScale, actionOffset, actionLow, actionHigh, null, metadata);
    }

    /**
     * A policy with the Gaussian's standard deviation.
     *
     * @param observationSize input width.
     * @param layerSizes      output width of each layer; the last is the action size.
     * @param activations     activation of each layer.
     * @param weights         per layer, row-major {@code out × in}.
     * @param biases          per layer, {@code out}.
     * @param observationMean per observation element.
     * @param observationStd  per observation element, &gt; 0.
     * @param observationClip normalised observations are clipped to ±this, &gt; 0 (use a large value for none).
     * @param actionScale     per action element.
     * @param actionOffset    per action element.
     * @param actionLow       per action element, lower limit.
     * @param actionHigh      per action element, upper limit, &gt;= low.
     * @param actionLogStd    per action element, {@code log σ} in network-output units, in
     *                        [{@value #MIN_LOG_STD}, {@value #MAX_LOG_STD}]; null for a deterministic policy.
     * @param metadata        free text key/value pairs (name, trainer, seed, created...).
     * @throws IllegalArgumentException saying which field is wrong and how.
     */
    public PolicyModel(final int observationSize, final int[] layerSizes, final Activation[] activations,
        final float[][] weights, final float[][] biases, final float[] observationMean, final float[] observationStd,
        final float observationClip, final float[] actionScale, final float[] actionOffset, final float[] actionLow,
        final float[] actionHigh, final float[] actionLogStd, final Map<String, String> metadata) {
        requireWidth("observation size", observationSize);
        if (layerSizes.length < 1 || layerSizes.length > MAX_LAYERS) {
            throw new IllegalArgumentException("layer count must be in [1, " + MAX_LAYERS + "], was "
                + layerSizes.length);
        }
        if (activations.length != layerSizes.length || weights.length != layerSizes.length
            || biases.length != layerSizes.length) {
            throw new IllegalArgumentException("layer sizes, activations, weights and biases must have one entry per "
                + "layer, were " + layerSizes.length + ", " + activations.length + ", " + weights.length + ", "
                + biases.length);
        }
        int inputs = observationSize;
        for (int layer = 0; layer < layerSizes.length; layer++) {
            final int outputs = layerSizes[layer];
            requireWidth("layer " + layer + " size", outputs);
            if (activations[layer] == null) {
                throw new IllegalArgumentException("layer " + layer + " has no activation");
            }
            requireFinite("layer " + layer + " weights", weights[layer], (long) outputs * inputs);
            requireFinite("layer " + layer + " biases", biases[layer], outputs);
            inputs = outputs;
        }
        this.observationSize = observationSize;
        this.actionSize = inputs;
        requireFinite("observation mean", observationMean, observationSize);
        requireFinite("observation std", observationStd, observationSize);
        for (int i = 0; i < observationSize; i++) {
            if (!(observationStd[i] > 0)) {
                throw new IllegalArgumentException("observation std[" + i + "] must be > 0, was " + observationStd[i]);
            }
        }
        if (!(observationClip > 0) || Float.isInfinite(observationClip)) {
            throw new IllegalArgumentException("observation clip must be finite and > 0, was " + observationClip);
        }
        requireFinite("action scale", actionScale, actionSize);
        requireFinite("action offset", actionOffset, actionSize);
        requireFinite("action low", actionLow, actionSize);
        requireFinite("action high", actionHigh, actionSize);
        for (int i = 0; i < actionSize; i++) {
            if (actionLow[i] > actionHigh[i]) {
                throw new IllegalArgumentException("action low[" + i + "] = " + actionLow[i] + " exceeds high[" + i
                    + "] = " + actionHigh[i]);
            }
        }
        if (actionLogStd != null) {
            requireFinite("action log-std", actionLogStd, actionSize);
            for (int i = 0; i < actionSize; i++) {
                if (actionLogStd[i] < MIN_LOG_STD || actionLogStd[i] > MAX_LOG_STD) {
                    throw new IllegalArgumentException("action log-std[" + i + "] must be in [" + MIN_LOG_STD + ", "
                        + MAX_LOG_STD + "], was " + actionLogStd[i]);
                }
            }
        }
        if (metadata.size() > PolicyFileFormat.MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("metadata may hold at most " + PolicyFileFormat.MAX_METADATA_ENTRIES
                + " entries, had " + metadata.size());
        }
        for (final Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PolicyFileFormat.MAX_TEXT_BYTES
                || entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > PolicyFileFormat.MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("metadata '" + entry.getKey() + "' is longer than "
                    + PolicyFileFormat.MAX_TEXT_BYTES + " bytes");
            }
        }
        this.layerSizes = layerSizes.clone();
        this.activations = activations.clone();
        this.weights = deepCopy(weights);
        this.biases = deepCopy(biases);
        this.observationMean = observationMean.clone();
        this.observationStd = observationStd.clone();
        this.observationClip = observationClip;
        this.actionScale = actionScale.clone();
        this.actionOffset = actionOffset.clone();
        this.actionLow = actionLow.clone();
        this.actionHigh = actionHigh.clone();
        this.actionLogStd = actionLogStd == null ? null : actionLogStd.clone();
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /**
     * Checks that the policy fits a robot's observation and action sizes.
     *
     * @param robotObservationSize the observation size the robot's description produces.
     * @param robotActionSize      the number of action elements the robot's description maps.
     * @param robotName            for the message.
     * @throws IllegalArgumentException naming both sizes when they differ.
     */
    public void requireDimensions(final int robotObservationSize, final int robotActionSize, final String robotName) {
        if (robotObservationSize != observationSize || robotActionSize != actionSize) {
            throw new IllegalArgumentException("policy '" + metadata.getOrDefault("name", "?") + "' takes "
                + observationSize + " observations and gives " + actionSize + " actions, but robot '" + robotName
                + "' maps " + robotObservationSize + " observations and " + robotActionSize + " actions; use a policy "
                + "trained for this robot or fix control.observation / control.action");
        }
    }

    /**
     * @return a one-line description: name and network shape.
     */
    public String describe() {
        final StringBuilder text = new StringBuilder();
        text.append('\'').append(metadata.getOrDefault("name", "unnamed")).append("' (").append(observationSize);
        for (int layer = 0; layer < layerSizes.length; layer++) {
            text.append(" → ").append(layerSizes[layer]).append(' ')
                .append(activations[layer].name().toLowerCase(java.util.Locale.ROOT));
        }
        return text.append(')').toString();
    }

    private static void requireWidth(final String what, final int width) {
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException(what + " must be in [1, " + MAX_WIDTH + "], was " + width);
        }
    }

    private static void requireFinite(final String what, final float[] values, final long expectedLength) {
        if (values == null || values.length != expectedLength) {
            throw new IllegalArgumentException(what + " must have " + expectedLength + " values, had "
                + (values == null ? 0 : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }

    private static float[][] deepCopy(final float[][] arrays) {
        final float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }

    /**
     * @return input width.
     */
    public int observationSize() {
        return observationSize;
    }

    /**
     * @return output width.
     */
    public int actionSize() {
        return actionSize;
    }

    /**
     * @return number of layers.
     */
    public int layerCount() {
        return layerSizes.length;
    }

    /**
     * @param layer layer index.
     * @return its output width.
     */
    public int layerSize(final int layer) {
        return layerSizes[layer];
    }

    /**
     * @param layer layer index.
     * @return its input width.
     */
    public int layerInputSize(final int layer) {
        return layer == 0 ? observationSize : layerSizes[layer - 1];
    }

    /**
     * @param layer layer index.
     * @return its activation.
     */
    public Activation activation(final int layer) {
        return activations[layer];
    }

    /**
     * @param layer layer index.
     * @return a copy of its weights, row-major {@code out × in}.
     */
    public float[] weights(final int layer) {
        return weights[layer].clone();
    }

    /**
     * @param layer layer index.
     * @return a copy of its biases.
     */
    public float[] biases(final int layer) {
        return biases[layer].clone();
    }

    /**
     * @return a copy of the observation means.
     */
    public float[] observationMean() {
        return observationMean.clone();
    }

    /**
     * @return a copy of the observation standard deviations.
     */
    public float[] observationStd() {
        return observationStd.clone();
    }

    /**
     * @return the clip applied to normalised observations.
     */
    public float observationClip() {
        return observationClip;
    }

    /**
     * @return a copy of the action scales.
     */
    public float[] actionScale() {
        return actionScale.clone();
    }

    /**
     * @return a copy of the action offsets.
     */
    public float[] actionOffset() {
        return actionOffset.clone();
    }

    /**
     * @return a copy of the action lower limits.
     */
    public float[] actionLow() {
        return actionLow.clone();
    }

    /**
     * @return a copy of the action upper limits.
     */
    public float[] actionHigh() {
        return actionHigh.clone();
    }

    /**
     * @return whether the file carries the Gaussian's standard deviation (format version 2), so the policy can
     *         explore.
     */
    public boolean hasActionStd() {
        return actionLogStd != null;
    }

    /**
     * @return a copy of the per-action {@code log σ} in network-output units.
     * @throws IllegalStateException when the policy has none ({@link #hasActionStd()}).
     */
    public float[] actionLogStd() {
        if (actionLogStd == null) {
            throw new IllegalStateException("policy '" + metadata.getOrDefault("name", "?") + "' carries no action "
                + "standard deviation (a version 1 policy file)");
        }
        return actionLogStd.clone();
    }

    /**
     * @param logStd per action element, {@code log σ} in network-output units, or null for none.
     * @return the same policy with this Gaussian standard deviation (a trainer's export, a test's fixture).
     */
    public PolicyModel withActionLogStd(final float[] logStd) {
        return new PolicyModel(observationSize, layerSizes, activations, weights, biases, observationMean,
            observationStd, observationClip, actionScale, actionOffset, actionLow, actionHigh, logStd, metadata);
    }

    /**
     * @return the metadata, sorted by key.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PolicyModel model && observationSize == model.observationSize
            && Arrays.equals(layerSizes, model.layerSizes) && Arrays.equals(activations, model.activations)
            && Arrays.deepEquals(weights, model.weights) && Arrays.deepEquals(biases, model.biases)
            && Arrays.equals(observationMean, model.observationMean)
            && Arrays.equals(observationStd, model.observationStd) && observationClip == model.observationClip
            && Arrays.equals(actionScale, model.actionScale) && Arrays.equals(actionOffset, model.actionOffset)
            && Arrays.equals(actionLow, model.actionLow) && Arrays.equals(actionHigh, model.actionHigh)
            && Arrays.equals(actionLogStd, model.actionLogStd) && metadata.equals(model.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weights) + metadata.hashCode();
    }
}
