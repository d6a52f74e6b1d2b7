package dev.sparring.controller.policy;

import dev.sparring.hal.AllocationProbe;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpExecutorTest {

    /** The forward pass written plainly in double precision, with Math.tanh: the ground truth. */
    private static double[] reference(final PolicyModel model, final double[] observation) {
        final float[] mean = model.observationMean();
        final float[] std = model.observationStd();
        double[] x = new double[model.observationSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-model.observationClip(), Math.min(model.observationClip(), (observation[i] - mean[i])
                / std[i]));
        }
        for (int layer = 0; layer < model.layerCount(); layer++) {
            final float[] w = model.weights(layer);
            final float[] b = model.biases(layer);
            final double[] y = new double[model.layerSize(layer)];
            for (int i = 0; i < y.length; i++) {
                double sum = b[i];
                for (int j = 0; j < x.length; j++) {
                    sum += (double) w[i * x.length + j] * x[j];
                }
                y[i] = model.activation(layer).apply(sum);
            }
            x = y;
        }
        final double[] action = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            action[i] = Math.max(model.actionLow()[i], Math.min(model.actionHigh()[i],
                model.actionScale()[i] * x[i] + model.actionOffset()[i]));
        }
        return action;
    }

    @Test
    void shouldMatchDoublePrecisionReferenceForRandomNetworks() {
        final int[][] shapes = {{}, {64, 64}, {256, 256}, {7}, {33, 5, 130}, {300, 1, 17}};
        final Activation[] activations = Activation.values();
        final SplittableRandom random = new SplittableRandom(7);
        int cases = 0;
        for (int s = 0; s < shapes.length; s++) {
            for (final Activation activation : activations) {
                final int observation = 1 + random.nextInt(40);
                final int action = 1 + random.nextInt(8);
                final PolicyModel model = RandomPolicies.create(100L * s + activation.ordinal(), observation,
                    shapes[s], action, activation);
                final MlpExecutor executor = new MlpExecutor(model);
                final double[] out = new double[action];
                for (int trial = 0; trial < 20; trial++) {
                    final double[] obs = new double[observation];
                    for (int i = 0; i < observation; i++) {
                        obs[i] = random.nextGaussian() * 3;
                    }
                    executor.act(obs, out);
                    final double[] expected = reference(model, obs);
                    for (int i = 0; i < action; i++) {
                        assertEquals(expected[i], out[i], 1e-5 * Math.max(1.0, Math.abs(expected[i])),
                            "shape " + s + " " + activation + " trial " + trial + " action " + i);
                    }
                    cases++;
                }
            }
        }
        assertEquals(shapes.length * activations.length * 20, cases);
    }

    @Test
    void shouldGiveIdenticalActionsForIdenticalObservations() {
        final MlpExecutor executor = new MlpExecutor(RandomPolicies.create(3, 17, new int[] {64, 64}, 6,
            Activation.TANH));
        final double[] obs = new double[17];
        java.util.Arrays.fill(obs, 0.3);
        final double[] first = new double[6];
        final double[] second = new double[6];
        executor.act(obs, first);
        executor.act(new double[17], second);
        executor.act(obs, second);
        assertTrue(java.util.Arrays.equals(first, second));
    }

    @Test
    void shouldClampActionsAndPropagateNaN() {
        final PolicyModel model = RandomPolicies.create(5, 3, new int[] {8}, 2, Activation.RELU);
        final MlpExecutor executor = new MlpExecutor(model);
        final double[] out = new double[2];
        executor.act(new double[] {1e30, -1e30, 1e30}, out);
        for (final double value : out) {
            assertTrue(value >= -50 && value <= 50, "clamped to the policy's limits, was " + value);
        }
        executor.act(new double[] {Double.NaN, 0, 0}, out);
        assertTrue(Double.isNaN(out[0]) || Double.isNaN(out[1]), "NaN reaches the action for the supervisor");
    }

    @Test
    void shouldComputeSigmoidExactlyOnAOneLayerNetwork() {
        final PolicyModel model = new PolicyModel(2, new int[] {3}, new Activation[] {Activation.SIGMOID},
            new float[][] {{1, 0, 0, 1, 2, -3}}, new float[][] {{0, 0.5f, -1}}, new float[2], new float[] {1, 1},
            1e6f, new float[] {1, 1, 1}, new float[3], new float[] {-10, -10, -10}, new float[] {10, 10, 10},
            java.util.Map.of());
        final double[] action = new double[3];

        new MlpExecutor(model).act(new double[] {0.0, -2.0}, action);

        assertEquals(0.5, action[0], 1e-7, "sigmoid(0)");
        assertEquals(1.0 / (1.0 + Math.exp(1.5)), action[1], 1e-7, "sigmoid(-2 + 0.5)");
        assertEquals(1.0 / (1.0 + Math.exp(-5.0)), action[2], 1e-7, "sigmoid(6 - 1)");
    }

    @Test
    void shouldNotAllocateInForwardPassWithAnyActivation() {
        for (final Activation activation : Activation.values()) {
            final MlpExecutor executor = new MlpExecutor(RandomPolicies.create(11, 17, new int[] {64, 64}, 6,
                activation));
            final double[] obs = new double[17];
            final double[] act = new double[6];
            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(100_000, i -> {
                obs[i % 17] = i * 1e-4;
                executor.act(obs, act);
            });
            assertEquals(0, bytes, "bytes allocated by 100 000 forward passes with " + activation);
        }
    }
}
