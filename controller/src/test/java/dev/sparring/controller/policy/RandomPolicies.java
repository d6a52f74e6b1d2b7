package dev.sparring.controller.policy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Random but valid policies for tests and benchmarks, from a seed. */
public final class RandomPolicies {
    private RandomPolicies() {
    }

    /**
     * @param seed        the seed.
     * @param observation input width.
     * @param hidden      hidden layer widths.
     * @param action      output width.
     * @param hiddenActivation activation of the hidden layers; the output layer is identity.
     * @return the policy, with weights ~ N(0, 1/fan_in), non-trivial normalisation and action scaling.
     */
    public static PolicyModel create(final long seed, final int observation, final int[] hidden, final int action,
        final Activation hiddenActivation) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int layers = hidden.length + 1;
        final int[] sizes = new int[layers];
        final Activation[] activations = new Activation[layers];
        final float[][] weights = new float[layers][];
        final float[][] biases = new float[layers][];
        int in = observation;
        for (int layer = 0; layer < layers; layer++) {
            final int out = layer < hidden.length ? hidden[layer] : action;
            sizes[layer] = out;
            activations[layer] = layer < hidden.length ? hiddenActivation : Activation.IDENTITY;
            weights[layer] = gaussian(random, out * in, 1.0 / Math.sqrt(in));
            biases[layer] = gaussian(random, out, 0.1);
            in = out;
        }
        final float[] mean = gaussian(random, observation, 1.0);
        final float[] std = new float[observation];
        for (int i = 0; i < observation; i++) {
            std[i] = (float) (0.5 + random.nextDouble());
        }
        final float[] scale = new float[action];
        final float[] offset = gaussian(random, action, 0.1);
        final float[] low = new float[action];
        final float[] high = new float[action];
        for (int i = 0; i < action; i++) {
            scale[i] = (float) (0.5 + random.nextDouble());
            low[i] = -50f;
            high[i] = 50f;
        }
        return new PolicyModel(observation, sizes, activations, weights, biases, mean, std, 10f, scale, offset, low,
            high, Map.of("name", "random-" + seed, "seed", Long.toString(seed)));
    }

    /**
     * @param model a policy.
     * @param extra metadata entries to add or replace.
     * @return the same network with the metadata changed.
     */
    public static PolicyModel withMetadata(final PolicyModel model, final Map<String, String> extra) {
        final int layers = model.layerCount();
        final int[] sizes = new int[layers];
        final Activation[] activations = new Activation[layers];
        final float[][] weights = new float[layers][];
        final float[][] biases = new float[layers][];
        for (int layer = 0; layer < layers; layer++) {
            sizes[layer] = model.layerSize(layer);
            activations[layer] = model.activation(layer);
            weights[layer] = model.weights(layer);
            biases[layer] = model.biases(layer);
        }
        final Map<String, String> metadata = new TreeMap<>(model.metadata());
        metadata.putAll(extra);
        return new PolicyModel(model.observationSize(), sizes, activations, weights, biases, model.observationMean(),
            model.observationStd(), model.observationClip(), model.actionScale(), model.actionOffset(),
            model.actionLow(), model.actionHigh(), model.hasActionStd() ? model.actionLogStd() : null, metadata);
    }

    private static float[] gaussian(final SplittableRandom random, final int count, final double std) {
        final float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }
}
