package dev.sparring.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.trainer.export.OnnxExporter;
import dev.sparring.trainer.export.PolicyExporter;
import dev.sparring.trainer.export.PolicySnapshot;
import dev.sparring.trainer.nn.Activation;
import dev.sparring.trainer.nn.Mlp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our executor against ONNX Runtime on the same exported policy: a 17 → 64 → 64 → 6 tanh network (PPO's
 * orthogonal initialisation), exported by {@link PolicyExporter} and {@link OnnxExporter}, one observation per call as
 * the control thread asks. Both calls take the observation as {@code double[]} and leave the action in a
 * {@code double[]}. ONNX Runtime gets its best case for one call: one intra-op thread (the executor has one), all graph
 * optimisations, and the input and output tensors created once over direct buffers (the output pinned), so a call
 * writes 17 floats, runs the session (closing the result it returns does not free the pinned output) and reads 6
 * floats. Run with {@code -prof gc} for the bytes allocated per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class OnnxComparisonBenchmark {
    private static final int OBSERVATIONS = 17;
    private static final int ACTIONS = 6;
    private static final int HIDDEN = 64;
    /** Largest difference between the two runtimes accepted at setup, in task units (as the export tests). */
    private static final double TOLERANCE = 1e-5;
    private static final double SCALE = 100.0;

    private final double[] observation = new double[OBSERVATIONS];
    private final double[] action = new double[ACTIONS];
    private MlpExecutor executor;
    private OrtSession session;
    private OnnxTensor input;
    private OnnxTensor output;
    private FloatBuffer inputValues;
    private FloatBuffer outputValues;
    private Map<String, OnnxTensor> inputs;
    private Map<String, OnnxTensor> outputs;
    private int step;

    /**
     * Exports the network both ways, opens the ONNX Runtime session and checks that both runtimes give the same
     * action.
     *
     * @throws OrtException when ONNX Runtime cannot load the model.
     */
    @Setup
    public void setUp() throws OrtException {
        final PolicyModel model = PolicyExporter.toModel(snapshot());
        executor = new MlpExecutor(model);
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(OnnxExporter.toBytes(model), options);
        }
        inputValues = directFloats(OBSERVATIONS);
        outputValues = directFloats(ACTIONS);
        input = OnnxTensor.createTensor(environment, inputValues, new long[] {1, OBSERVATIONS});
        output = OnnxTensor.createTensor(environment, outputValues, new long[] {1, ACTIONS});
        inputs = Map.of(OnnxExporter.INPUT, input);
        outputs = Map.of(OnnxExporter.OUTPUT, output);
        for (int i = 0; i < OBSERVATIONS; i++) {
            observation[i] = 0.3 * (i - 8);
        }
        final double[] expected = new double[ACTIONS];
        executor.act(observation, expected);
        onnxRuntime();
        for (int k = 0; k < ACTIONS; k++) {
            if (!(Math.abs(action[k] - expected[k]) <= TOLERANCE * SCALE)) {
                throw new IllegalStateException("ONNX Runtime gives action[" + k + "] = " + action[k]
                    + " but the executor " + expected[k] + ": the runtimes do not run the same network");
            }
        }
    }

    /**
     * Frees the native tensors and session.
     *
     * @throws OrtException when ONNX Runtime fails to close the session.
     */
    @TearDown
    public void tearDown() throws OrtException {
        input.close();
        output.close();
        session.close();
    }

    /**
     * @return the first action element, so the work is not eliminated.
     */
    @Benchmark
    public double executor() {
        observation[step++ & 15] += 1e-3;
        executor.act(observation, action);
        return action[0];
    }

    /**
     * @return the first action element, so the work is not eliminated.
     * @throws OrtException when the session fails.
     */
    @Benchmark
    public double onnxRuntime() throws OrtException {
        observation[step++ & 15] += 1e-3;
        for (int i = 0; i < OBSERVATIONS; i++) {
            inputValues.put(i, (float) observation[i]);
        }
        session.run(inputs, outputs).close();
        for (int k = 0; k < ACTIONS; k++) {
            action[k] = outputValues.get(k);
        }
        return action[0];
    }

    /** The network as PPO initialises it (orthogonal, gains √2, √2, 0.01), a normaliser and ±1 task bounds. */
    private static PolicySnapshot snapshot() {
        final Mlp network = new Mlp(new int[] {OBSERVATIONS, HIDDEN, HIDDEN, ACTIONS},
            new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY},
            new double[] {Math.sqrt(2.0), Math.sqrt(2.0), 0.01}, 1, 1);
        final double[] mean = new double[OBSERVATIONS];
        final double[] std = new double[OBSERVATIONS];
        for (int i = 0; i < OBSERVATIONS; i++) {
            mean[i] = 0.1 * i;
            std[i] = 0.5 + 0.05 * i;
        }
        final double[] low = new double[ACTIONS];
        final double[] high = new double[ACTIONS];
        final double[] scale = new double[ACTIONS];
        Arrays.fill(low, -1.0);
        Arrays.fill(high, 1.0);
        Arrays.fill(scale, SCALE);
        return new PolicySnapshot(network, mean, std, 10.0, low, high, scale, Map.of("name", "onnx-comparison"));
    }

    private static FloatBuffer directFloats(final int count) {
        return ByteBuffer.allocateDirect(Float.BYTES * count).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
