package dev.sparring.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.RobotPolicyShape;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * ONNX models written by PyTorch 1.13's exporter ({@code src/test/resources/onnx/make_models.py}, committed with
 * them), imported for a robot and run by the controller's {@link MlpExecutor}, give the actions ONNX Runtime gives
 * on the same observations (clamped to the robot's action limits, as the import documents), within 1e-5; and what
 * is outside the supported subset is refused with the node's index, name and operator.
 */
class OnnxImporterTest {
    /** Largest difference allowed between ONNX Runtime and the executor, in action units. */
    private static final double TOLERANCE = 1e-5;
    private static final int OBSERVATIONS = 300;
    private static final Path MODELS = Path.of("src/test/resources/onnx");

    @Test
    void shouldMatchOnnxRuntimeForCleanRlTanhActor() throws Exception {
        final PolicyModel model = assertMatchesOnnxRuntime("cleanrl_tanh.onnx", "pendulum.yaml", 3.0);

        assertArrayEquals(new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY},
            activations(model));
        assertEquals(64, model.layerSize(0));
    }

    @Test
    void shouldMatchOnnxRuntimeForSb3ReluActor() throws Exception {
        final PolicyModel model = assertMatchesOnnxRuntime("sb3_relu.onnx", "hopper.yaml", 3.0);

        assertArrayEquals(new Activation[] {Activation.RELU, Activation.RELU, Activation.IDENTITY},
            activations(model));
    }

    @Test
    void shouldMatchOnnxRuntimeForEluAndSigmoidLayers() throws Exception {
        final PolicyModel model = assertMatchesOnnxRuntime("elu_sigmoid.onnx", "cartpole.yaml", 3.0);

        assertArrayEquals(new Activation[] {Activation.ELU, Activation.SIGMOID, Activation.IDENTITY},
            activations(model));
    }

    @Test
    void shouldReadSubDivClipAsTheObservationNormalisation() throws Exception {
        final PolicyModel model = assertMatchesOnnxRuntime("normalised_tanh.onnx", "hopper.yaml", 40.0);

        assertEquals(10.0f, model.observationClip());
        assertTrue(model.observationStd()[0] != 1.0f && model.observationMean()[0] != 0.0f,
            Arrays.toString(model.observationMean()));
    }

    @Test
    void shouldMatchOnnxRuntimeForMatMulAddLayersOnAnUnbatchedInput() throws Exception {
        final PolicyModel model = assertMatchesOnnxRuntime("matmul_unbatched.onnx", "pendulum.yaml", 3.0);

        assertEquals(3, model.layerCount());
        assertEquals(3, model.observationSize());
    }

    @Test
    void shouldRefuseAnUnsupportedOperatorNamingTheNode() {
        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("softmax_head.onnx", "pendulum.yaml", OnnxImporter.Normalisation.NONE));

        assertTrue(e.getMessage().contains("node #3 '/3/Softmax' (Softmax) is not in the supported subset"),
            e.getMessage());
    }

    @Test
    void shouldRefuseAGraphWithTwoInputs() {
        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("two_inputs.onnx", "pendulum.yaml", OnnxImporter.Normalisation.NONE));

        assertTrue(e.getMessage().contains("the graph has 2 inputs [observation, goal]; an MLP policy has one"),
            e.getMessage());
    }

    @Test
    void shouldRefuseAnObservationWidthTheRobotDoesNotGive() {
        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("cleanrl_tanh.onnx", "hopper.yaml", OnnxImporter.Normalisation.NONE));

        assertTrue(e.getMessage().contains("the model takes 3 observation values, but robot 'hopper' gives 11"),
            e.getMessage());
    }

    @Test
    void shouldRefuseAnActionWidthTheRobotDoesNotTake() throws IOException {
        final Path robots = CartPoleRig.ROOT.resolve("robots");
        final String yaml = Files.readString(robots.resolve("pan_tilt.yaml"))
            .replace("observation: [pan.position, tilt.position]", "observation: [pan.position, tilt.position, "
                + "pan.velocity]");
        final RobotDescription threeObservations = RobotDescription.parse("pan_tilt.yaml", robots, yaml);

        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("cleanrl_tanh.onnx", OnnxImporter.Normalisation.NONE, threeObservations));

        assertTrue(e.getMessage().contains("the model gives 1 action values, but robot 'pan_tilt' takes 2"),
            e.getMessage());
    }

    @Test
    void shouldRefuseNormalisationFromBothTheGraphAndTheCommandLine() {
        final float[] mean = new float[11];
        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("normalised_tanh.onnx", "hopper.yaml", new OnnxImporter.Normalisation(mean, null, null)));

        assertTrue(e.getMessage().contains("the graph normalises the observation (its Sub node) and --obs-mean was "
            + "given too"), e.getMessage());
    }

    @Test
    void shouldUseNormalisationFromTheCommandLineWhenTheGraphHasNone() throws Exception {
        final float[] mean = {0.5f, -0.5f, 1.0f};
        final float[] std = {2.0f, 3.0f, 4.0f};

        final PolicyModel model = convert("cleanrl_tanh.onnx", "pendulum.yaml",
            new OnnxImporter.Normalisation(mean, std, 5.0f));

        assertArrayEquals(mean, model.observationMean());
        assertArrayEquals(std, model.observationStd());
        assertEquals(5.0f, model.observationClip());
    }

    @Test
    void shouldRefuseACommandLineMeanOfTheWrongSize() {
        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> convert("cleanrl_tanh.onnx", "pendulum.yaml",
                new OnnxImporter.Normalisation(new float[] {1, 2}, null, null)));

        assertEquals("--obs-mean has 2 values, but the model takes 3 observation values", e.getMessage());
    }

    @Test
    void shouldRefuseATruncatedFileAtEveryLengthWithAFormatError() throws Exception {
        final byte[] whole = Files.readAllBytes(MODELS.resolve("elu_sigmoid.onnx"));
        final RobotPolicyShape robot = RobotPolicyShape.of(robot("cartpole.yaml"));
        int refused = 0;
        for (int length = 0; length < whole.length; length += 7) {
            final byte[] truncated = Arrays.copyOf(whole, length);
            try {
                OnnxImporter.convert(truncated, "cut.onnx", robot, "cartpole", OnnxImporter.Normalisation.NONE,
                    Map.of());
            } catch (final OnnxFormatException e) {
                assertTrue(e.getMessage().startsWith("cut.onnx: "), e.getMessage());
                refused++;
            }
        }
        assertEquals((whole.length + 6) / 7, refused, "every truncation refused");
    }

    @Test
    void shouldRefuseCorruptBytesWithAFormatErrorOrImportThem() throws Exception {
        final byte[] whole = Files.readAllBytes(MODELS.resolve("normalised_tanh.onnx"));
        final RobotPolicyShape robot = RobotPolicyShape.of(robot("hopper.yaml"));
        final SplittableRandom random = new SplittableRandom(14);
        int refused = 0;
        for (int trial = 0; trial < 2000; trial++) {
            final byte[] corrupt = whole.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            try {
                OnnxImporter.convert(corrupt, "bad.onnx", robot, "hopper", OnnxImporter.Normalisation.NONE,
                    Map.of());
            } catch (final OnnxFormatException e) {
                assertTrue(e.getMessage().startsWith("bad.onnx: "), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 100, "a corrupt structure is refused (a changed weight is not), refused " + refused);
    }

    @Test
    void shouldNameTheFieldAndOffsetWhenALengthRunsPastTheMessage() {
        final byte[] bytes = {0x3A, 0x7F, 0x0A, 0x01};

        final OnnxFormatException e = assertThrows(OnnxFormatException.class,
            () -> OnnxGraph.parse(bytes, "bad.onnx"));

        assertEquals("bad.onnx: not a valid ONNX model: ModelProto field 7 at byte 0 declares 127 bytes, but 2 "
            + "remain in the ModelProto; the file may be truncated or corrupt, export it again", e.getMessage());
    }

    private static PolicyModel assertMatchesOnnxRuntime(final String file, final String robotFile,
        final double observationRange) throws IOException, OrtException {
        final RobotDescription description = robot(robotFile);
        final PolicyModel model = convert(file, robotFile, OnnxImporter.Normalisation.NONE);
        final int n = model.observationSize();
        final SplittableRandom random = new SplittableRandom(file.hashCode());
        final double[][] observations = new double[OBSERVATIONS][n];
        for (final double[] observation : observations) {
            for (int i = 0; i < n; i++) {
                observation[i] = observationRange * (2.0 * random.nextDouble() - 1.0);
            }
        }
        final float[][] reference = runOnnxRuntime(MODELS.resolve(file), observations);
        final RobotPolicyShape shape = RobotPolicyShape.of(description);
        final MlpExecutor executor = new MlpExecutor(model);
        final double[] action = new double[model.actionSize()];
        double largest = 0.0;
        int insideLimits = 0;
        for (int s = 0; s < OBSERVATIONS; s++) {
            executor.act(observations[s], action);
            for (int k = 0; k < action.length; k++) {
                final double expected = Math.max(shape.actionLow(k), Math.min(shape.actionHigh(k),
                    reference[s][k]));
                largest = Math.max(largest, Math.abs(expected - action[k]));
                insideLimits += expected == reference[s][k] ? 1 : 0;
            }
        }
        assertTrue(largest <= TOLERANCE, file + ": largest difference from ONNX Runtime " + largest);
        assertTrue(insideLimits > OBSERVATIONS * action.length / 2, file + ": most actions must lie inside the "
            + "limits for the comparison to test the network, " + insideLimits + " did");
        return model;
    }

    /** ONNX Runtime on the committed file, one observation per run (batched or not, as the model's input is). */
    private static float[][] runOnnxRuntime(final Path file, final double[][] observations) throws OrtException {
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(file.toString())) {
            final String input = session.getInputNames().iterator().next();
            final long[] inputShape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo())
                .getShape();
            final float[][] actions = new float[observations.length][];
            for (int s = 0; s < observations.length; s++) {
                final float[] values = new float[observations[s].length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) observations[s][i];
                }
                final long[] shape = inputShape.length == 1 ? new long[] {values.length}
                    : new long[] {1, values.length};
                try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
                    OrtSession.Result result = session.run(Map.of(input, tensor))) {
                    final OnnxTensor output = (OnnxTensor) result.get(0);
                    final FloatBuffer buffer = output.getFloatBuffer();
                    actions[s] = new float[buffer.remaining()];
                    buffer.get(actions[s]);
                }
            }
            return actions;
        }
    }

    private static PolicyModel convert(final String file, final String robotFile,
        final OnnxImporter.Normalisation given) throws IOException {
        return convert(file, given, robot(robotFile));
    }

    private static PolicyModel convert(final String file, final OnnxImporter.Normalisation given,
        final RobotDescription description) throws IOException {
        return OnnxImporter.convert(Files.readAllBytes(MODELS.resolve(file)), file,
            RobotPolicyShape.of(description), description.spec().name(), given, Map.of("name", file));
    }

    private static RobotDescription robot(final String file) {
        return RobotDescription.load(CartPoleRig.ROOT.resolve("robots").resolve(file));
    }

    private static Activation[] activations(final PolicyModel model) {
        final Activation[] activations = new Activation[model.layerCount()];
        for (int l = 0; l < activations.length; l++) {
            activations[l] = model.activation(l);
        }
        return activations;
    }
}
