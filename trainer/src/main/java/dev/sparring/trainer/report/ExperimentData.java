package dev.sparring.trainer.report;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.eval.LearningCurve;
import dev.sparring.trainer.eval.LearningCurves;
import dev.sparring.trainer.run.MetricsCsv;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.TrainingRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code train} and {@code eval} wrote for one experiment: each method's seeds ({@code <method>/seed-<n>/
 * metrics.csv}: the learning curve and the final training return) and each evaluation found in the experiment
 * directory itself or in its {@code eval*} subdirectories ({@link RobustnessStudy#read}).
 *
 * @param directory   the experiment directory.
 * @param training    per method (baseline first), its seeds in seed order.
 * @param evaluations the evaluations, the directory's own first, then {@code eval*} by name.
 */
public record ExperimentData(Path directory, Map<String, List<Seed>> training, List<Evaluation> evaluations) {
    /** The method every other method is compared with. */
    public static final String BASELINE = "baseline";
    private static final String SEED_PREFIX = "seed-";

    /**
     * One seed's training.
     *
     * @param name        its directory's name, {@code seed-<n>}.
     * @param curve       {@code charts/episodic_return} against {@code global_step}.
     * @param finalReturn the last iteration's {@code charts/episodic_return} (the mean of its last 10 episodes).
     */
    public record Seed(String name, LearningCurve curve, double finalReturn) {
    }

    /**
     * One evaluation's results.
     *
     * @param name    the directory's path relative to the experiment ({@code eval}, {@code eval-rrls}, or
     *                {@code .} for the experiment directory itself).
     * @param results per method, its per-seed returns (empty when the evaluation predates them) and sweeps.
     */
    public record Evaluation(String name, List<RobustnessStudy.MethodResult> results) {
    }

    /**
     * @param directory an experiment directory written by {@code train} and evaluated by {@code eval}.
     * @return its data.
     * @throws ConfigException naming the directory when it does not exist, holds no training runs or no evaluation.
     * @throws IOException     naming the file when a metrics or evaluation file cannot be read or is malformed.
     */
    public static ExperimentData read(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException("experiment directory " + directory + " does not exist (give the directory "
                + "that train --out wrote)");
        }
        final Map<String, List<Seed>> training = readTraining(directory);
        if (training.isEmpty()) {
            throw new ConfigException(directory + " holds no training runs (<method>/seed-<n>/"
                + TrainingRun.METRICS_FILE + "); give the directory that train --out wrote");
        }
        final List<Evaluation> evaluations = new ArrayList<>();
        final List<Path> candidates = new ArrayList<>(List.of(directory));
        try (Stream<Path> children = Files.list(directory)) {
            candidates.addAll(children.filter(Files::isDirectory)
                .filter(child -> child.getFileName().toString().startsWith("eval")).sorted().toList());
        }
        for (final Path candidate : candidates) {
            final List<RobustnessStudy.MethodResult> results = RobustnessStudy.read(candidate);
            if (!results.isEmpty()) {
                evaluations.add(new Evaluation(candidate.equals(directory) ? "."
                    : directory.relativize(candidate).toString(), results));
            }
        }
        if (evaluations.isEmpty()) {
            throw new ConfigException(directory + " holds no evaluation (" + RobustnessStudy.RETURNS_FILE
                + " or sweep_<method>_<disturbance>.csv in it or in its eval*/ directories); evaluate it first: "
                + "./sparring eval --run " + directory + " --out " + directory.resolve("eval"));
        }
        return new ExperimentData(directory, training, evaluations);
    }

    private static Map<String, List<Seed>> readTraining(final Path directory) throws IOException {
        final Map<String, List<Seed>> training = new LinkedHashMap<>();
        final List<Path> methods;
        try (Stream<Path> children = Files.list(directory)) {
            methods = children.filter(Files::isDirectory)
                .sorted(Comparator.comparing((Path m) -> !m.getFileName().toString().equals(BASELINE))
                    .thenComparing(m -> m.getFileName().toString())).toList();
        }
        for (final Path method : methods) {
            final List<Path> seeds;
            try (Stream<Path> children = Files.list(method)) {
                seeds = children.filter(seed -> seed.getFileName().toString().startsWith(SEED_PREFIX)
                    && Files.isRegularFile(seed.resolve(TrainingRun.METRICS_FILE)))
                    .sorted(Comparator.comparingLong(ExperimentData::seedNumber)
                        .thenComparing(seed -> seed.getFileName().toString())).toList();
            }
            final List<Seed> read = new ArrayList<>();
            for (final Path seed : seeds) {
                final LearningCurve curve = LearningCurves.read(seed.resolve(TrainingRun.METRICS_FILE),
                    MetricsCsv.STEP_COLUMN, MetricsCsv.RETURN_COLUMN);
                read.add(new Seed(seed.getFileName().toString(), curve, curve.value(curve.size() - 1)));
            }
            if (!read.isEmpty()) {
                training.put(method.getFileName().toString(), read);
            }
        }
        return training;
    }

    /** The number in {@code seed-<n>}, or {@link Long#MAX_VALUE} when it is not one (sorted after by name). */
    private static long seedNumber(final Path seed) {
        try {
            return Long.parseLong(seed.getFileName().toString().substring(SEED_PREFIX.length()));
        } catch (final NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * @param method a method.
     * @return its seeds' final training returns, in seed order.
     */
    public double[] finalReturns(final String method) {
        return training.get(method).stream().mapToDouble(Seed::finalReturn).toArray();
    }
}
