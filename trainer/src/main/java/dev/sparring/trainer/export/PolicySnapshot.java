package dev.sparring.trainer.export;

import dev.sparring.trainer.nn.Mlp;

import java.util.Map;

/**
 * What export needs of a trained Gaussian policy, as plain data: the mean network, the observation normaliser, the
 * action bounds and scale, and the Gaussian's state-independent {@code log σ} (policy units, around the network's
 * output), with which an exploring controller samples. The deterministic action is the Gaussian's mean:
 * <pre>
 *   z      = clip((obs − observationMean) / observationStd, ±observationClip)
 *   a_task = clamp(meanNetwork(z), actionLow, actionHigh)        (task units, the units the trainer learns in)
 *   a      = actionScale · a_task                                (deployed units, what the robot is sent)
 * </pre>
 * The arrays are copied on construction; the network is not (export reads it once, when called).
 *
 * @param meanNetwork      the policy's mean network, {@code observationSize → … → actionSize}.
 * @param observationMean  per observation element, finite.
 * @param observationStd   per observation element, finite and &gt; 0.
 * @param observationClip  normalised observations are clipped to ±this; finite and &gt; 0.
 * @param actionLow        per action element, lower bound in task units, finite.
 * @param actionHigh       per action element, upper bound in task units, finite and &gt;= low.
 * @param actionScale      per action element, deployed units per task unit (e.g. 100 N per ctrl unit), finite.
 * @param metadata         free text stored with the policy (name, algorithm, seed, ...).
 * @param actionLogStd     per action element, {@code log σ} in task units (the network's output units), finite; or
 *                         null for a policy exported without its Gaussian (a version 1 policy file).
 */
public record PolicySnapshot(
    Mlp meanNetwork,
    double[] observationMean,
    double[] observationStd,
    double observationClip,
    double[] actionLow,
    double[] actionHigh,
    double[] actionScale,
    Map<String, String> metadata,
    double[] actionLogStd) {

    /**
     * A snapshot without the Gaussian's standard deviation: the policy file will be deterministic only.
     *
     * @param meanNetwork     the policy's mean network.
     * @param observationMean per observation element.
     * @param observationStd  per observation element.
     * @param observationClip the clip of normalised observations.
     * @param actionLow       per action element, lower bound in task units.
     * @param actionHigh      per action element, upper bound in task units.
     * @param actionScale     per action element, deployed units per task unit.
     * @param metadata        free text stored with the policy.
     */
    public PolicySnapshot(final Mlp meanNetwork, final double[] observationMean, final double[] observationStd,
        final double observationClip, final double[] actionLow, final double[] actionHigh,
        final double[] actionScale, final Map<String, String> metadata) {
        this(meanNetwork, observationMean, observationStd, observationClip, actionLow, actionHigh, actionScale,
            metadata, null);
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the field that is wrong, its index and value.
     */
    public PolicySnapshot {
        if (meanNetwork == null) {
            throw new IllegalArgumentException("policy snapshot needs a mean network, was null");
        }
        final int observationSize = meanNetwork.layer(0).inputSize();
        final int actionSize = meanNetwork.layer(meanNetwork.layerCount() - 1).outputSize();
        observationMean = finiteCopy("observationMean", observationMean, observationSize, "the network's input");
        observationStd = finiteCopy("observationStd", observationStd, observationSize, "the network's input");
        for (int i = 0; i < observationSize; i++) {
            if (!(observationStd[i] > 0.0)) {
                throw new IllegalArgumentException("policy snapshot observationStd[" + i + "] must be > 0, was "
                    + observationStd[i] + "; floor the normaliser's std (e.g. at 1e-8) before exporting");
            }
        }
        if (!(observationClip > 0.0) || Double.isInfinite(observationClip)) {
            throw new IllegalArgumentException("policy snapshot observationClip must be finite and > 0, was "
                + observationClip + "; use a large value such as 1e6 for no clipping");
        }
        actionLow = finiteCopy("actionLow", actionLow, actionSize, "the network's output");
        actionHigh = finiteCopy("actionHigh", actionHigh, actionSize, "the network's output");
        actionScale = finiteCopy("actionScale", actionScale, actionSize, "the network's output");
        for (int i = 0; i < actionSize; i++) {
            if (actionLow[i] > actionHigh[i]) {
                throw new IllegalArgumentException("policy snapshot actionLow[" + i + "] = " + actionLow[i]
                    + " exceeds actionHigh[" + i + "] = " + actionHigh[i]);
            }
        }
        if (metadata == null) {
            throw new IllegalArgumentException("policy snapshot metadata must not be null; pass Map.of() for none");
        }
        metadata = Map.copyOf(metadata);
        if (actionLogStd != null) {
            actionLogStd = finiteCopy("actionLogStd", actionLogStd, actionSize, "the network's output");
        }
    }

    /**
     * @return the width of the network's input.
     */
    public int observationSize() {
        return observationMean.length;
    }

    /**
     * @return the width of the network's output.
     */
    public int actionSize() {
        return actionLow.length;
    }

    private static double[] finiteCopy(
        final String field, final double[] values, final int expectedLength, final String sizeSource) {
        if (values == null || values.length != expectedLength) {
            throw new IllegalArgumentException("policy snapshot " + field + " must have " + expectedLength
                + " values (" + sizeSource + "'s width), had " + (values == null ? "null" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("policy snapshot " + field + "[" + i + "] must be finite, was "
                    + values[i]);
            }
        }
        return values.clone();
    }
}
