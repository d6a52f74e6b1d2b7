package dev.sparring.trainer.run;

import dev.sparring.trainer.eval.Labelled;
import dev.sparring.trainer.eval.LearningCurve;
import dev.sparring.trainer.eval.LearningCurves;
import dev.sparring.trainer.eval.MeanCurve;
import dev.sparring.trainer.eval.Plots;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Several methods (the baseline, RARL) × several seeds of one task and algorithm, trained one after another (each
 * run uses both cores through its rollout workers) into {@code <out>/<method>/seed-<n>/}, then the learning curves
 * aggregated over seeds into {@code <out>/learning_curve_<method>.csv} and {@code <out>/plots/learning_curves.png}.
 */
public final class Experiment {
    /** Number of points of an aggregated learning curve. */
    public static final int CURVE_POINTS = 50;

    private final Path out;
    private final BooleanSupplier stopRequested;
    private final PrintWriter console;
    private final boolean inPlace;

    /**
     * @param out           the experiment's directory.
     * @param stopRequested polled between iterations (Ctrl-C).
     * @param console       where progress goes.
     * @param inPlace       whether progress redraws one line (a terminal).
     */
    public Experiment(final Path out, final BooleanSupplier stopRequested, final PrintWriter console,
        final boolean inPlace) {
        this.out = out;
        this.stopRequested = stopRequested;
        this.console = console;
        this.inPlace = inPlace;
    }

    /**
     * @param method a method name.
     * @param seed   a seed.
     * @return that run's directory.
     */
    public Path seedDirectory(final String method, final long seed) {
        return out.resolve(method).resolve("seed-" + seed);
    }

    /**
     * Trains every configuration whose directory holds no finished run; resumes those with a checkpoint.
     *
     * @param configs one per method and seed.
     * @return the seed directories per method, or {@code null} when stopped before the end.
     * @throws IOException when a file cannot be read or written.
     */
    public Map<String, List<Path>> train(final List<TrainingConfig> configs) throws IOException {
        final Map<String, List<Path>> runs = new LinkedHashMap<>();
        for (final TrainingConfig config : configs) {
            final Path directory = seedDirectory(config.methodName(), config.seed());
            runs.computeIfAbsent(config.methodName(), m -> new ArrayList<>()).add(directory);
            requireSameConfig(directory, config);
            if (Files.exists(directory.resolve(TrainingRun.POLICY_FILE))) {
                console.println(directory + ": already trained");
                continue;
            }
            final boolean resumed = Files.exists(directory.resolve(TrainingRun.CHECKPOINT_FILE));
            try (TrainingSession session = resumed ? TrainingRun.resume(directory) : TrainingSession.start(config)) {
                final String label = String.format(Locale.ROOT, "%s %s seed %d", session.config().methodName(),
                    session.config().algorithm().name().toLowerCase(Locale.ROOT), session.config().seed());
                final ProgressBar bar = new ProgressBar(console, System::nanoTime, inPlace,
                    inPlace ? 200_000_000L : 5_000_000_000L, label, session.protagonist().metrics().totalSteps());
                if (TrainingRun.run(session, directory, resumed, stopRequested, bar) == TrainingRun.Outcome.STOPPED) {
                    console.println("stopped; checkpoint saved in " + directory + ". Continue with: ./sparring train"
                        + " --resume " + out);
                    return null;
                }
            }
        }
        return runs;
    }

    private static void requireSameConfig(final Path directory, final TrainingConfig config) throws IOException {
        final Path stored = directory.resolve(TrainingRun.CONFIG_FILE);
        if (!Files.exists(stored)) {
            return;
        }
        final List<String> before = Files.readAllLines(stored);
        final List<String> now = List.of(RecordText.write(config).split("\n"));
        final List<String> changed = new ArrayList<>();
        for (final String line : now) {
            if (!before.contains(line)) {
                changed.add(line.substring(0, line.indexOf('=')).strip());
            }
        }
        if (!changed.isEmpty()) {
            throw new IOException(directory + " holds a run with other settings (" + String.join(", ", changed)
                + "); choose another --out, or continue that run with --resume");
        }
    }

    /**
     * The configurations of an experiment directory's runs, for {@code --resume}: each seed directory's own
     * {@code config.txt}.
     *
     * @return one configuration per seed directory found.
     * @throws IOException when the directory cannot be listed or a configuration read.
     */
    public List<TrainingConfig> storedConfigs() throws IOException {
        final List<TrainingConfig> configs = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            throw new IOException(out + " is not an experiment directory (it does not exist)");
        }
        try (Stream<Path> files = Files.walk(out, 3)) {
            for (final Path config : files.filter(f -> f.getFileName().toString().equals(TrainingRun.CONFIG_FILE))
                .sorted().toList()) {
                configs.add(RecordText.read(TrainingConfig.class, Files.readString(config), config.toString()));
            }
        }
        if (configs.isEmpty()) {
            throw new IOException(out + " holds no training runs (no */seed-*/" + TrainingRun.CONFIG_FILE + ")");
        }
        return configs;
    }

    /**
     * Aggregates each method's learning curves over its seeds and plots them side by side; a run of a single
     * iteration has no curve, so then nothing is plotted.
     *
     * @param runs  the seed directories per method.
     * @param title the plot's title.
     * @return the aggregated curves, by method (empty when a run has fewer than two iterations).
     * @throws IOException when a file cannot be read or written.
     */
    public Map<String, MeanCurve> plotLearningCurves(final Map<String, List<Path>> runs, final String title)
        throws IOException {
        final Map<String, MeanCurve> curves = new LinkedHashMap<>();
        final List<Labelled<MeanCurve>> labelled = new ArrayList<>();
        for (final Map.Entry<String, List<Path>> method : runs.entrySet()) {
            final List<LearningCurve> seeds = new ArrayList<>();
            for (final Path directory : method.getValue()) {
                seeds.add(LearningCurves.read(directory.resolve(TrainingRun.METRICS_FILE), MetricsCsv.STEP_COLUMN,
                    MetricsCsv.RETURN_COLUMN));
            }
            if (seeds.stream().anyMatch(seed -> seed.size() < 2)) {
                console.println("learning curves need at least two iterations per run; not plotted");
                return Map.of();
            }
            final MeanCurve curve = LearningCurves.aggregate(seeds, CURVE_POINTS);
            curve.writeCsv(out.resolve("learning_curve_" + method.getKey() + ".csv"));
            curves.put(method.getKey(), curve);
            labelled.add(new Labelled<>(method.getKey(), curve));
        }
        Files.createDirectories(out.resolve("plots"));
        Plots.learningCurves(out.resolve("plots").resolve("learning_curves.png"), title, labelled, 900, 560);
        return curves;
    }
}
