package dev.sparring.benchmarks;

import dev.sparring.controller.CartPoleRig;

import java.io.IOException;
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
 * One whole control tick on the simulated cart-pole at 1 kHz: sim read (four 250 µs RK4 steps, sensor model),
 * observation, safety checks, LQR policy, action mapping, sim write. The compute budget of a 1 kHz loop is 1 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class ControlTickBenchmark {
    private CartPoleRig rig;

    /**
     * @throws IOException when the bundled policy is missing (run from the repository root).
     */
    @Setup
    public void setUp() throws IOException {
        rig = new CartPoleRig();
    }

    /** Runs one tick (the fake clock advances one period). */
    @Benchmark
    public void tick() {
        rig.run(1);
    }

    /** Releases the simulated robot. */
    @TearDown
    public void tearDown() {
        rig.close();
    }
}
