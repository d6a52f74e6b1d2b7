package dev.sparring.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.Mlp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file the trainer exports gives, in the controller's {@link MlpExecutor}, the trainer's deterministic
 * action. The executor's output is in deployed units (task units × action scale), so it is divided by the scale and
 * compared in task units, within {@link #TOLERANCE}: the executor runs float32 weights and a rational tanh with error
 * below 3.2e-7, against the trainer's double precision.
 */
class PolicyExporterTest {
    /** Largest difference allowed, in task units. */
    private static final double TOLERANCE = 1e-5;
    private static final int RECORDED = 1000;

    @TempDir
    private Path directory;

    @Test
    void shouldMatchTrainerDeterministicActionFor4To64To64To1TanhNetwork() throws IOException {
        assertExecutorMatchesTrainer(ExportFixtures.snapshot(1, 4, new int[] {64, 64}, 1, Activation.TANH));
    }

    @Test
    void shouldMatchTrainerDeterministicActionFor17To64To64To6TanhNetwork() throws IOException {
        assertExecutorMatchesTrainer(ExportFixtures.snapshot(2, 17, new int[] {64, 64}, 6, Activation.TANH));
    }

    @Test
    void shouldMatchTrainerDeterministicActionFor17To64To64To6ReluNetwork() throws IOException {
        assertExecutorMatchesTrainer(ExportFixtures.snapshot(3, 17, new int[] {64, 64}, 6, Activation.RELU));
    }

    @Test
    void shouldRoundTripThroughBytesToAnEqualModel() throws IOException {
        final PolicySnapshot snapshot = ExportFixtures.snapshot(4, 17, new int[] {64, 64}, 6, Activation.TANH);
        final PolicyModel model = PolicyExporter.toModel(snapshot);

        assertEquals(model, PolicyReader.read("exported", PolicyExporter.toBytes(snapshot)));
        assertEquals("fixture-4", model.metadata().get("name"));
    }

    @Test
    void shouldCopyWeightsRowMajorOutByInThenBiasesPerLayer() {
        final Mlp network = new Mlp(new int[] {2, 3, 1}, new Activation[] {Activation.RELU, Activation.IDENTITY},
            new double[] {1.0, 1.0}, 1, 7);
        final double[] parameters = network.parameters();
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = i + 1;
        }

        final PolicyModel model = PolicyExporter.toModel(new PolicySnapshot(network, new double[2],
            new double[] {1.0, 1.0}, 10.0, new double[] {-1.0}, new double[] {1.0}, new double[] {1.0}, Map.of()));

        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, model.weights(0));
        assertArrayEquals(new float[] {7, 8, 9}, model.biases(0));
        assertArrayEquals(new float[] {10, 11, 12}, model.weights(1));
        assertArrayEquals(new float[] {13}, model.biases(1));
        assertEquals(dev.sparring.controller.policy.Activation.RELU, model.activation(0));
        assertEquals(dev.sparring.controller.policy.Activation.IDENTITY, model.activation(1));
    }

    @Test
    void shouldWriteTheLogStdAsVersionTwoClampedToTheFilesRangeAndNoneAsVersionOne() throws IOException {
        final Mlp network = new Mlp(new int[] {1, 3}, new Activation[] {Activation.IDENTITY}, new double[] {1.0}, 1,
            7);
        final PolicySnapshot gaussian = new PolicySnapshot(network, new double[1], new double[] {1.0}, 5.0,
            new double[] {-1, -1, -1}, new double[] {1, 1, 1}, new double[] {1, 1, 1}, Map.of(),
            new double[] {-0.5, -31.0, 4.0});
        final byte[] bytes = PolicyExporter.toBytes(gaussian);
        assertEquals(2, bytes[8], "format version");
        assertArrayEquals(new float[] {-0.5f, -20f, 2f}, PolicyReader.read("g", bytes).actionLogStd());
        final PolicySnapshot deterministic = new PolicySnapshot(network, new double[1], new double[] {1.0}, 5.0,
            new double[] {-1, -1, -1}, new double[] {1, 1, 1}, new double[] {1, 1, 1}, Map.of());
        assertEquals(1, PolicyExporter.toBytes(deterministic)[8]);
    }

    @Test
    void shouldScaleTaskBoundsIntoDeployedBoundsAndSwapThemForANegativeScale() {
        final Mlp network = new Mlp(new int[] {1, 2}, new Activation[] {Activation.IDENTITY}, new double[] {1.0}, 1,
            7);

        final PolicyModel model = PolicyExporter.toModel(new PolicySnapshot(network, new double[1],
            new double[] {1.0}, 5.0, new double[] {-1.0, -0.25}, new double[] {0.5, 1.0}, new double[] {100.0, -2.0},
            Map.of()));

        assertArrayEquals(new float[] {-100f, -2f}, model.actionLow());
        assertArrayEquals(new float[] {50f, 0.5f}, model.actionHigh());
        assertArrayEquals(new float[] {100f, -2f}, model.actionScale());
        assertArrayEquals(new float[] {0f, 0f}, model.actionOffset());
    }

    @Test
    void shouldMapEveryTrainerActivationToTheControllerOneComputingTheSameFunction() {
        for (final Activation activation : Activation.values()) {
            final dev.sparring.controller.policy.Activation mapped = PolicyExporter.activation(activation);
            assertEquals(activation.name(), mapped.name());
            for (double x = -3.0; x <= 3.0; x += 0.25) {
                assertEquals(activation.apply(x), mapped.apply(x), 0.0, activation + " at " + x);
            }
        }
    }

    @Test
    void shouldRejectANormaliserOfTheWrongWidthNamingTheField() {
        final Mlp network = new Mlp(new int[] {3, 2}, new Activation[] {Activation.TANH}, new double[] {1.0}, 1, 7);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new PolicySnapshot(network, new double[2], new double[] {1, 1, 1}, 5.0, new double[2],
                new double[2], new double[] {1, 1}, Map.of()));

        assertEquals("policy snapshot observationMean must have 3 values (the network's input's width), had 2",
            error.getMessage());
    }

    @Test
    void shouldRejectNonPositiveStdInfiniteClipAndInvertedBounds() {
        final Mlp network = new Mlp(new int[] {2, 1}, new Activation[] {Activation.TANH}, new double[] {1.0}, 1, 7);
        final double[] one = {1.0};

        final String std = assertThrows(IllegalArgumentException.class, () -> new PolicySnapshot(network,
            new double[2], new double[] {1.0, 0.0}, 5.0, one, one, one, Map.of())).getMessage();
        final String clip = assertThrows(IllegalArgumentException.class, () -> new PolicySnapshot(network,
            new double[2], new double[] {1.0, 1.0}, Double.POSITIVE_INFINITY, one, one, one, Map.of())).getMessage();
        final String bounds = assertThrows(IllegalArgumentException.class, () -> new PolicySnapshot(network,
            new double[2], new double[] {1.0, 1.0}, 5.0, new double[] {2.0}, one, one, Map.of())).getMessage();
        final String scale = assertThrows(IllegalArgumentException.class, () -> new PolicySnapshot(network,
            new double[2], new double[] {1.0, 1.0}, 5.0, one, one, new double[] {Double.NaN}, Map.of())).getMessage();

        assertTrue(std.startsWith("policy snapshot observationStd[1] must be > 0, was 0.0"), std);
        assertTrue(clip.startsWith("policy snapshot observationClip must be finite and > 0, was Infinity"), clip);
        assertEquals("policy snapshot actionLow[0] = 2.0 exceeds actionHigh[0] = 1.0", bounds);
        assertEquals("policy snapshot actionScale[0] must be finite, was NaN", scale);
    }

    @Test
    void shouldRejectAMeanBeyondFloat32RangeWhenExporting() {
        final Mlp network = new Mlp(new int[] {1, 1}, new Activation[] {Activation.TANH}, new double[] {1.0}, 1, 7);
        final double[] one = {1.0};
        final PolicySnapshot snapshot = new PolicySnapshot(network, new double[] {1e300}, one, 5.0, one, one, one,
            Map.of());

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> PolicyExporter.toModel(snapshot));

        assertEquals("cannot export the policy as float32: observation mean[0] must be finite, was Infinity",
            error.getMessage());
    }

    private void assertExecutorMatchesTrainer(final PolicySnapshot snapshot) throws IOException {
        final Path file = directory.resolve("protagonist.policy");
        PolicyExporter.write(snapshot, file);
        final PolicyModel model = PolicyReader.read(file);
        assertEquals(model, PolicyReader.read("bytes", PolicyExporter.toBytes(snapshot)));
        final MlpExecutor executor = new MlpExecutor(model);
        final double[][] observations = ExportFixtures.observations(snapshot, RECORDED, 99);
        final double[] action = new double[snapshot.actionSize()];
        int clamped = 0;
        double worst = 0.0;
        for (final double[] observation : observations) {
            final double[] expected = ExportFixtures.deterministicAction(snapshot, observation);
            executor.act(observation, action);
            for (int k = 0; k < action.length; k++) {
                final double taskUnits = action[k] / snapshot.actionScale()[k];
                worst = Math.max(worst, Math.abs(taskUnits - expected[k]));
                if (expected[k] == snapshot.actionLow()[k] || expected[k] == snapshot.actionHigh()[k]) {
                    clamped++;
                }
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst + " task units exceeds " + TOLERANCE);
        assertTrue(clamped > 0, "no recorded observation reached an action bound");
    }
}
