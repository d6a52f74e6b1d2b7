package dev.sparring.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.RandomPolicies;
import dev.sparring.trainer.nn.Activation;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported ONNX graph, run by ONNX Runtime on a batch of recorded observations, gives the controller's
 * {@link MlpExecutor} actions (on the same exported policy file) within {@link #TOLERANCE} × |action scale| per
 * element, i.e. 1e-5 in task units. Both run float32 weights; they differ by the executor's rational tanh (error below
 * 3.2e-7, carried through the next layers), by the order of the sums, and by the executor's normalisation and output
 * affine in double where ONNX Runtime computes in float32, whose rounding of a deployed action is relative to its
 * scale: hence a tolerance relative to the scale.
 */
class OnnxExporterTest {
    /** Largest difference allowed, in task units (deployed units divided by the action scale). */
    private static final double TOLERANCE = 1e-5;
    private static final int RECORDED = 1000;

    @TempDir
    private Path directory;

    @Test
    void shouldMatchExecutorInOnnxRuntimeFor17To64To64To6TanhNetwork() throws Exception {
        assertOnnxRuntimeMatchesExecutor(ExportFixtures.snapshot(2, 17, new int[] {64, 64}, 6, Activation.TANH));
    }

    @Test
    void shouldMatchExecutorInOnnxRuntimeFor4To64To64To1TanhNetwork() throws Exception {
        assertOnnxRuntimeMatchesExecutor(ExportFixtures.snapshot(1, 4, new int[] {64, 64}, 1, Activation.TANH));
    }

    @Test
    void shouldMatchExecutorInOnnxRuntimeFor17To64To64To6ReluNetwork() throws Exception {
        assertOnnxRuntimeMatchesExecutor(ExportFixtures.snapshot(3, 17, new int[] {64, 64}, 6, Activation.RELU));
    }

    @Test
    void shouldMatchExecutorInOnnxRuntimeForAnEluPolicyWithActionOffsets() throws Exception {
        final PolicyModel model = RandomPolicies.create(5, 11, new int[] {32, 48}, 3,
            dev.sparring.controller.policy.Activation.ELU);
        final float[] mean = model.observationMean();
        final float[] std = model.observationStd();
        final SplittableRandom random = new SplittableRandom(17);
        final double[][] observations = new double[RECORDED][model.observationSize()];
        for (final double[] observation : observations) {
            for (int i = 0; i < observation.length; i++) {
                observation[i] = mean[i] + std[i] * 15.0 * (2.0 * random.nextDouble() - 1.0);
            }
        }

        final float[][] actions = runOnnx(OnnxExporter.toBytes(model), observations);

        assertMatchesExecutor(model, observations, actions);
    }

    @Test
    void shouldDeclareABatchedObservationInputAnActionOutputAndTheMetadata() throws OrtException {
        final PolicyModel model = PolicyExporter.toModel(
            ExportFixtures.snapshot(2, 17, new int[] {64, 64}, 6, Activation.TANH));
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();

        try (OrtSession session = environment.createSession(OnnxExporter.toBytes(model))) {
            final TensorInfo input = (TensorInfo) session.getInputInfo().get(OnnxExporter.INPUT).getInfo();
            final TensorInfo output = (TensorInfo) session.getOutputInfo().get(OnnxExporter.OUTPUT).getInfo();

            assertArrayEquals(new long[] {-1, 17}, input.getShape());
            assertArrayEquals(new String[] {OnnxExporter.BATCH, ""}, input.getDimensionNames());
            assertArrayEquals(new long[] {-1, 6}, output.getShape());
            assertEquals("sparring", session.getMetadata().getProducerName());
            assertEquals(Map.of("name", "fixture-2", "seed", "2"), session.getMetadata().getCustomMetadata());
        }
    }

    private void assertOnnxRuntimeMatchesExecutor(final PolicySnapshot snapshot) throws IOException, OrtException {
        final Path policyFile = directory.resolve("protagonist.policy");
        final Path onnxFile = directory.resolve("protagonist.onnx");
        PolicyExporter.write(snapshot, policyFile);
        final PolicyModel model = PolicyReader.read(policyFile);
        OnnxExporter.write(model, onnxFile);
        final double[][] observations = ExportFixtures.observations(snapshot, RECORDED, 99);

        final float[][] actions;
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnxFile.toString())) {
            actions = run(environment, session, observations);
        }

        assertMatchesExecutor(model, observations, actions);
        for (int s = 0; s < observations.length; s++) {
            final double[] expected = ExportFixtures.deterministicAction(snapshot, observations[s]);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actions[s][k] / snapshot.actionScale()[k], TOLERANCE,
                    "ONNX Runtime against the trainer, observation " + s + " action " + k);
            }
        }
    }

    private static void assertMatchesExecutor(
        final PolicyModel model, final double[][] observations, final float[][] actions) {
        final MlpExecutor executor = new MlpExecutor(model);
        final double[] action = new double[model.actionSize()];
        final float[] scale = model.actionScale();
        double worst = 0.0;
        for (int s = 0; s < observations.length; s++) {
            executor.act(observations[s], action);
            for (int k = 0; k < action.length; k++) {
                worst = Math.max(worst, Math.abs(actions[s][k] - action[k]) / Math.abs(scale[k]));
            }
        }
        assertTrue(worst <= TOLERANCE, "ONNX Runtime differs from the executor by " + worst
            + " task units, more than " + TOLERANCE);
    }

    private static float[][] runOnnx(final byte[] onnx, final double[][] observations) throws OrtException {
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnx)) {
            return run(environment, session, observations);
        }
    }

    private static float[][] run(
        final OrtEnvironment environment, final OrtSession session, final double[][] observations)
        throws OrtException {
        final int width = observations[0].length;
        final FloatBuffer batch = FloatBuffer.allocate(observations.length * width);
        for (final double[] observation : observations) {
            for (final double value : observation) {
                batch.put((float) value);
            }
        }
        batch.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, batch, new long[] {observations.length, width});
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            return (float[][]) result.get(OnnxExporter.OUTPUT).orElseThrow().getValue();
        }
    }
}
