package dev.sparring.benchmarks;

import dev.sparring.hal.mujoco.MujocoData;
import dev.sparring.hal.mujoco.MujocoModel;
import dev.sparring.hal.mujoco.StepResult;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MuJoCo physics step from Java, per step: episodes of 1 000 steps from a reset with zero controls, the workload
 * of {@code benchmarks/src/main/c/mujoco_step.c}, which {@code benchmarks/mujoco-step.sh} runs beside it.
 * {@link #stepOneByOne} makes one guarded call per step (a policy acting every physics step), {@link #stepEpisode}
 * one call for the whole episode (the guard's loop in C: the floor of the binding's overhead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class MujocoStepBenchmark {
    private static final int EPISODE_STEPS = 1000;

    /** The MJCF file to step. */
    @Param("")
    public String model;

    private MujocoModel mujocoModel;
    private MujocoData data;

    /** Loads the model. */
    @Setup
    public void setUp() {
        if (model.isEmpty()) {
            throw new IllegalArgumentException("give the model: -p model=<file.xml> (see docs/benchmarks.md)");
        }
        mujocoModel = MujocoModel.load(Path.of(model));
        data = mujocoModel.makeData();
    }

    /** Frees the model and its data. */
    @TearDown
    public void tearDown() {
        mujocoModel.close();
    }

    /**
     * @return the last step's result.
     */
    @Benchmark
    @OperationsPerInvocation(EPISODE_STEPS)
    public StepResult stepOneByOne() {
        data.reset();
        StepResult result = StepResult.OK;
        for (int i = 0; i < EPISODE_STEPS; i++) {
            result = data.step(1);
        }
        return result;
    }

    /**
     * @return the episode's result.
     */
    @Benchmark
    @OperationsPerInvocation(EPISODE_STEPS)
    public StepResult stepEpisode() {
        data.reset();
        return data.step(EPISODE_STEPS);
    }
}
