package dev.sparring.trainer.export;

import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.DenseLayer;
import dev.sparring.trainer.nn.Mlp;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random policies, recorded observations and the trainer's double-precision deterministic action. */
final class ExportFixtures {
    /** Normalised observations are clipped to ±this in the fixtures. */
    static final double CLIP = 5.0;
    /** Deployed units per task unit (e.g. newtons per ctrl unit). */
    static final double SCALE = 100.0;

    private ExportFixtures() {
    }

    /**
     * A network {@code observation → hidden… → action} with hidden layers of {@code activation} and a linear
     * output (a Gaussian policy's mean head), weights ~ N(0, 1/fan_in) and biases ~ N(0, 0.1²); a normaliser with
     * means ~ N(0, 2²) and std in [0.5, 2.5]; bounds in task units {@code ±(0.5 … 1.5)}, so that some actions
     * clamp.
     */
    static PolicySnapshot snapshot(
        final long seed, final int observation, final int[] hidden, final int action, final Activation activation) {
        final int[] sizes = new int[hidden.length + 2];
        sizes[0] = observation;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = action;
        final Activation[] activations = new Activation[sizes.length - 1];
        Arrays.fill(activations, activation);
        activations[activations.length - 1] = Activation.IDENTITY;
        final double[] gains = new double[activations.length];
        Arrays.fill(gains, 1.0);
        final Mlp network = new Mlp(sizes, activations, gains, 1, seed);
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final double[] parameters = network.parameters();
        for (int l = 0; l < network.layerCount(); l++) {
            final DenseLayer layer = network.layer(l);
            final int weights = layer.inputSize() * layer.outputSize();
            for (int i = 0; i < weights; i++) {
                parameters[layer.offset() + i] = random.nextGaussian() / Math.sqrt(layer.inputSize());
            }
            for (int i = 0; i < layer.outputSize(); i++) {
                parameters[layer.offset() + weights + i] = 0.1 * random.nextGaussian();
            }
        }
        final double[] mean = new double[observation];
        final double[] std = new double[observation];
        for (int i = 0; i < observation; i++) {
            mean[i] = 2.0 * random.nextGaussian();
            std[i] = 0.5 + 2.0 * random.nextDouble();
        }
        final double[] low = new double[action];
        final double[] high = new double[action];
        final double[] scale = new double[action];
        for (int k = 0; k < action; k++) {
            low[k] = -0.5 - random.nextDouble();
            high[k] = 0.5 + random.nextDouble();
            scale[k] = SCALE;
        }
        return new PolicySnapshot(network, mean, std, CLIP, low, high, scale,
            Map.of("name", "fixture-" + seed, "seed", Long.toString(seed)));
    }

    /**
     * Recorded observations around the normaliser's mean: most within a few std, every tenth at up to ±12 std, beyond
     * the clip.
     */
    static double[][] observations(final PolicySnapshot snapshot, final int count, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[][] observations = new double[count][snapshot.observationSize()];
        for (int s = 0; s < count; s++) {
            final double spread = s % 10 == 0 ? 12.0 : 1.5;
            for (int i = 0; i < snapshot.observationSize(); i++) {
                observations[s][i] = snapshot.observationMean()[i]
                    + snapshot.observationStd()[i] * spread * (2.0 * random.nextDouble() - 1.0);
            }
        }
        return observations;
    }

    /** The trainer's deterministic action in task units, in double precision: the reference export must match. */
    static double[] deterministicAction(final PolicySnapshot snapshot, final double[] observation) {
        final double[] z = new double[snapshot.observationSize()];
        for (int i = 0; i < z.length; i++) {
            final double standardised = (observation[i] - snapshot.observationMean()[i])
                / snapshot.observationStd()[i];
            z[i] = Math.max(-snapshot.observationClip(), Math.min(snapshot.observationClip(), standardised));
        }
        final double[] mean = snapshot.meanNetwork().forward(z, 1);
        final double[] action = new double[snapshot.actionSize()];
        for (int k = 0; k < action.length; k++) {
            action[k] = Math.max(snapshot.actionLow()[k], Math.min(snapshot.actionHigh()[k], mean[k]));
        }
        return action;
    }
}
