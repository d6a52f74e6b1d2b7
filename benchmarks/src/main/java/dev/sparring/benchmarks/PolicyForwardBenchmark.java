package dev.sparring.benchmarks;

import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.RandomPolicies;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward-pass latency of the policy executor on 2×H tanh MLPs with 17 observations and 6 actions (the shape of
 * MuJoCo's Walker/HalfCheetah-sized policies), as the control thread calls it: one observation at a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class PolicyForwardBenchmark {
    @Param({"64", "256"})
    private int hidden;

    private MlpExecutor executor;
    private final double[] observation = new double[17];
    private final double[] action = new double[6];
    private int step;

    /** Builds a random 17 → H → H → 6 tanh network. */
    @Setup
    public void setUp() {
        executor = new MlpExecutor(RandomPolicies.create(1, 17, new int[] {hidden, hidden}, 6, Activation.TANH));
        for (int i = 0; i < observation.length; i++) {
            observation[i] = 0.1 * i;
        }
    }

    /**
     * @return the first action element, so the work is not eliminated.
     */
    @Benchmark
    public double forward() {
        observation[step++ & 15] += 1e-3;
        executor.act(observation, action);
        return action[0];
    }
}
