package dev.sparring.benchmarks;

import dev.sparring.controller.policy.FastTanh;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * tanh over one 64-wide hidden layer: {@link Math#tanh} against the executor's {@link FastTanh}, side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class TanhBenchmark {
    private static final int WIDTH = 64;
    private final float[] input = new float[WIDTH];
    private final float[] values = new float[WIDTH];

    /** Fills the layer with pre-activations in [-4, 4]. */
    @Setup
    public void setUp() {
        for (int i = 0; i < WIDTH; i++) {
            input[i] = -4f + 8f * i / WIDTH;
        }
    }

    /**
     * @return the layer, so the work is not eliminated.
     */
    @Benchmark
    public float[] mathTanh() {
        for (int i = 0; i < WIDTH; i++) {
            values[i] = (float) Math.tanh(input[i]);
        }
        return values;
    }

    /**
     * @return the layer, so the work is not eliminated.
     */
    @Benchmark
    public float[] fastTanh() {
        System.arraycopy(input, 0, values, 0, WIDTH);
        FastTanh.applyInPlace(values, WIDTH);
        return values;
    }
}
