package dev.sparring.trainer.export;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;
import dev.sparring.trainer.nn.RunningMeanStd;

import java.util.Arrays;
import java.util.Map;

/**
 * Bridges a trained {@link GaussianPolicy} and the controller's policy file: a {@link PolicySnapshot} of its
 * deterministic action and its Gaussian's {@code log σ} for export, and the way back, a policy file loaded as a
 * (practically deterministic) {@link GaussianPolicy} so that evaluation and a freshly trained adversary can run
 * against exactly what the robot runs.
 * <p>
 * Units: the policy acts in policy units, {@code actionScale} of them make a task unit and the task's deployment makes
 * joint efforts of task units ({@code effortPerActionUnit}); the file's action is that joint effort.
 */
public final class TrainedPolicies {
    /** {@code log σ} of an imported policy: σ ≈ 2·10⁻⁹, so sampling it gives its mean. */
    public static final double IMPORTED_LOG_STD = -20.0;

    private TrainedPolicies() {
    }

    /**
     * @param policy              the trained protagonist.
     * @param env                 the task it was trained on (its action bounds).
     * @param effortPerActionUnit per action element, the robot's joint effort per task unit.
     * @param metadata            stored with the policy.
     * @return the snapshot whose exported action is {@code effort = clamp(actionScale·μ(z), low, high) · effortPerUnit}
     *         and whose exploring action samples {@code μ + σ ε} with the policy's {@code log σ}.
     */
    public static PolicySnapshot snapshot(final GaussianPolicy policy, final Env env,
        final double[] effortPerActionUnit, final Map<String, String> metadata) {
        final int actions = policy.actionSize();
        if (effortPerActionUnit.length != actions || env.actionSize() != actions) {
            throw new IllegalArgumentException("policy has " + actions + " actions, the task " + env.taskName()
                + " " + env.actionSize() + " and the deployment " + effortPerActionUnit.length + " effort scales");
        }
        final double[] low = new double[actions];
        final double[] high = new double[actions];
        final double[] scale = new double[actions];
        for (int i = 0; i < actions; i++) {
            final double unit = policy.actionScale(i);
            if (!(unit > 0.0)) {
                throw new IllegalArgumentException("policy action scale " + i + " must be > 0 to export, was " + unit);
            }
            low[i] = env.actionLow(i) / unit;
            high[i] = env.actionHigh(i) / unit;
            scale[i] = unit * effortPerActionUnit[i];
        }
        final RunningMeanStd normalizer = policy.normalizer();
        final double[] mean = new double[normalizer.size()];
        final double[] std = new double[normalizer.size()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = normalizer.mean(i);
            std[i] = normalizer.std(i);
        }
        return new PolicySnapshot(policy.mean(), mean, std, normalizer.clip(), low, high, scale, metadata,
            policy.head().logStd());
    }

    /**
     * Loads a policy file as a Gaussian policy acting in task units, with σ ≈ 0. Its actions equal the file's
     * divided by the deployment's effort scale, before clamping; the environment clamps to the task's bounds, which
     * for a policy exported by {@link #snapshot} are the file's limits.
     *
     * @param model               a policy read from a file.
     * @param effortPerActionUnit per action element, the robot's joint effort per task unit.
     * @param maxBatch            the largest batch the policy will be given.
     * @return the policy.
     * @throws IllegalArgumentException when the file uses what the trainer's networks cannot express (an ELU layer,
     *                                  an action offset).
     */
    public static GaussianPolicy toGaussianPolicy(final PolicyModel model, final double[] effortPerActionUnit,
        final int maxBatch) {
        final int layers = model.layerCount();
        final int actions = model.actionSize();
        if (effortPerActionUnit.length != actions) {
            throw new IllegalArgumentException("policy has " + actions + " actions, the deployment "
                + effortPerActionUnit.length + " effort scales");
        }
        final int[] sizes = new int[layers + 1];
        final Activation[] activations = new Activation[layers];
        sizes[0] = model.observationSize();
        for (int l = 0; l < layers; l++) {
            sizes[l + 1] = model.layerSize(l);
            activations[l] = activation(model.activation(l), l);
        }
        final double[] gains = new double[layers];
        Arrays.fill(gains, 1.0);
        final Mlp mean = new Mlp(sizes, activations, gains, maxBatch, 0L);
        final double[] parameters = mean.parameters();
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            for (final float w : model.weights(l)) {
                parameters[offset++] = w;
            }
            for (final float b : model.biases(l)) {
                parameters[offset++] = b;
            }
        }
        final double[] actionScale = new double[actions];
        for (int i = 0; i < actions; i++) {
            if (model.actionOffset()[i] != 0.0f) {
                throw new IllegalArgumentException("policy action " + i + " has offset " + model.actionOffset()[i]
                    + "; the trainer evaluates only policies without action offsets (as it exports them)");
            }
            actionScale[i] = model.actionScale()[i] / effortPerActionUnit[i];
        }
        final int observations = model.observationSize();
        final RunningMeanStd normalizer = new RunningMeanStd(observations, model.observationClip());
        final double[] observationMean = new double[observations];
        final double[] variance = new double[observations];
        for (int i = 0; i < observations; i++) {
            observationMean[i] = model.observationMean()[i];
            final double std = model.observationStd()[i];
            variance[i] = Math.max(0.0, std * std - RunningMeanStd.EPSILON);
        }
        normalizer.restore(observationMean, variance, 1.0);
        normalizer.frozen(true);
        final DiagonalGaussian head = new DiagonalGaussian(actions, maxBatch);
        Arrays.fill(head.logStd(), IMPORTED_LOG_STD);
        return new GaussianPolicy(normalizer, mean, head, actionScale);
    }

    private static Activation activation(final dev.sparring.controller.policy.Activation activation,
        final int layer) {
        for (final Activation candidate : Activation.values()) {
            if (PolicyExporter.activation(candidate) == activation) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("policy layer " + layer + " uses " + activation
            + ", which the trainer's networks do not have (they have " + Arrays.toString(Activation.values()) + ")");
    }
}
