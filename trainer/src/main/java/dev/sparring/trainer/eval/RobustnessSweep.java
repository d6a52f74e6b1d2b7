package dev.sparring.trainer.eval;

import dev.sparring.trainer.env.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A policy evaluated over a curve (one {@link ParameterAxis}) or a grid (two) of test-time plant parameters, a
 * number of episodes per cell, under a {@link DisturbanceMode}: RARL's robustness experiments (e.g. 0.5–1.5 ×
 * nominal mass × 0.5–1.5 × nominal friction, 11 × 11).
 * <p>
 * Every cell is evaluated with the same seed, so with the same episode seeds (initial states and random forces):
 * cells differ only in their parameters. A cell is evaluated wholly by one thread, which sets the cell's parameters
 * on its own environment and restores them afterwards, so the result is bit-identical whatever the number of
 * threads, provided the policies are pure functions of the observation and the environment's episodes depend only
 * on their seed and parameters.
 */
public final class RobustnessSweep {
    private final ParameterAxis axisA;
    private final ParameterAxis axisB;
    private final int episodesPerCell;
    private final long seed;

    private RobustnessSweep(final ParameterAxis axisA, final ParameterAxis axisB, final int episodesPerCell,
        final long seed) {
        if (episodesPerCell < 1) {
            throw new IllegalArgumentException("sweep episodesPerCell must be >= 1, was " + episodesPerCell);
        }
        this.axisA = axisA;
        this.axisB = axisB;
        this.episodesPerCell = episodesPerCell;
        this.seed = seed;
    }

    /**
     * @param axis            the parameter axis.
     * @param episodesPerCell episodes per point, &gt;= 1.
     * @param seed            the evaluation seed of every point.
     * @return a 1-D sweep (a robustness curve).
     */
    public static RobustnessSweep curve(final ParameterAxis axis, final int episodesPerCell, final long seed) {
        return new RobustnessSweep(axis, null, episodesPerCell, seed);
    }

    /**
     * @param axisA           the first axis (rows of the CSV, x of a heat map).
     * @param axisB           the second axis (y of a heat map).
     * @param episodesPerCell episodes per cell, &gt;= 1.
     * @param seed            the evaluation seed of every cell.
     * @return a 2-D sweep (a robustness heat map).
     */
    public static RobustnessSweep grid(final ParameterAxis axisA, final ParameterAxis axisB,
        final int episodesPerCell, final long seed) {
        return new RobustnessSweep(axisA, axisB, episodesPerCell, seed);
    }

    /**
     * Runs the sweep on the calling thread.
     *
     * @param env         the environment; its parameters when called are the nominal ones, and are restored. It stays
     *                    open: the caller owns it.
     * @param policy      the protagonist under test.
     * @param disturbance what acts on the adversary channel.
     * @return mean and standard deviation of the return per cell.
     */
    public SweepResult run(final Env env, final ActionFunction policy, final DisturbanceMode disturbance) {
        return run(List.of(new Evaluator(env, policy, disturbance)));
    }

    /**
     * Runs the sweep on {@code threads} threads, each with its own environment, policy and adversary.
     *
     * @param envs        makes a new environment with nominal parameters per call; the sweep owns those it makes and
     *                    closes them when it returns or throws.
     * @param policies    makes the protagonist under test; a new instance per call unless it is thread-safe.
     * @param disturbance what acts on the adversary channel.
     * @param threads     the number of threads, &gt;= 1.
     * @return mean and standard deviation of the return per cell, identical for any number of threads.
     */
    public SweepResult run(final Supplier<? extends Env> envs, final Supplier<? extends ActionFunction> policies,
        final DisturbanceMode disturbance, final int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("sweep threads must be >= 1, was " + threads);
        }
        final Env[] made = new Env[threads];
        try {
            final List<Evaluator> evaluators = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                made[t] = envs.get();
                evaluators.add(new Evaluator(made[t], policies.get(), disturbance));
            }
            return run(evaluators);
        } finally {
            Env.closeAll(made);
        }
    }

    private SweepResult run(final List<Evaluator> evaluators) {
        final List<Worker> workers = new ArrayList<>(evaluators.size());
        for (final Evaluator evaluator : evaluators) {
            workers.add(new Worker(evaluator));
        }
        final int sizeB = axisB == null ? 1 : axisB.size();
        final int cells = axisA.size() * sizeB;
        final double[] mean = new double[cells];
        final double[] std = new double[cells];
        final AtomicInteger nextCell = new AtomicInteger();
        if (workers.size() == 1) {
            workers.getFirst().evaluateCells(nextCell, cells, sizeB, mean, std);
        } else {
            try (ExecutorService executor = Executors.newFixedThreadPool(workers.size())) {
                final List<Future<?>> futures = new ArrayList<>(workers.size());
                for (final Worker worker : workers) {
                    futures.add(executor.submit(() -> worker.evaluateCells(nextCell, cells, sizeB, mean, std)));
                }
                for (final Future<?> future : futures) {
                    await(future);
                }
            }
        }
        final Worker first = workers.getFirst();
        return new SweepResult(axisA, first.a.parameterNames(), axisB,
            first.b == null ? List.of() : first.b.parameterNames(), mean, std, episodesPerCell);
    }

    private static void await(final Future<?> future) {
        try {
            future.get();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a sweep thread failed: " + e.getCause(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sweep's threads", e);
        }
    }

    /** One thread's evaluator with the axes resolved on its environment's plant. */
    private final class Worker {
        private final Evaluator evaluator;
        private final ParameterAxis.Resolved a;
        private final ParameterAxis.Resolved b;

        Worker(final Evaluator evaluator) {
            this.evaluator = evaluator;
            this.a = axisA.resolve(evaluator.env().plant());
            this.b = axisB == null ? null : axisB.resolve(evaluator.env().plant());
        }

        void evaluateCells(final AtomicInteger nextCell, final int cells, final int sizeB, final double[] mean,
            final double[] std) {
            try {
                for (int cell = nextCell.getAndIncrement(); cell < cells; cell = nextCell.getAndIncrement()) {
                    final int i = cell / sizeB;
                    final int j = cell % sizeB;
                    final EvaluationResult result = evaluator.evaluate(episodesPerCell, seed, plant -> {
                        a.apply(plant, i);
                        if (b != null) {
                            b.apply(plant, j);
                        }
                    });
                    mean[cell] = result.meanReturn();
                    std[cell] = result.stdReturn();
                }
            } catch (final RuntimeException e) {
                nextCell.set(cells);
                throw e;
            }
        }
    }
}
