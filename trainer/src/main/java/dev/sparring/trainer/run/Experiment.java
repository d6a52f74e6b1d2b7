package dev.sparring.trainer.run;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.BoundedFiles;
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
    /** Largest {@code config.txt} read: the file is about 1 KiB. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;

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
     * Trains every configuration whose directory holds no finished run; resumes those with a checkpoint. Refuses,
     * before training anything, configurations that do not belong with the runs already in the directory (another
     * task, algorithm or setting: their learning curves would be averaged together), a checkpoint whose settings
     * differ from its {@code config.txt}, and a seed whose checkpoint is gone although it trained past its first one.
     *
     * With {@code extendBudget} (from {@link #extendedConfigs}) the configurations may have a larger step budget than
     * the runs stored: finished runs continue from their final checkpoint to the new budget.
     *
     * @param configs      one per method and seed, differing in nothing else.
     * @param extendBudget whether the configurations extend the stored runs' step budget.
     * @return the seed directories per method, or {@code null} when stopped before the end.
     * @throws IOException     when a file cannot be read or written.
     * @throws ConfigException when the directory holds runs these configurations do not fit.
     */
    public Map<String, List<Path>> train(final List<TrainingConfig> configs, final boolean extendBudget)
        throws IOException {
        final Map<Path, TrainingConfig> storedRuns = storedRuns();
        for (final Map.Entry<Path, TrainingConfig> stored : storedRuns.entrySet()) {
            requireSameExperiment(stored.getKey(), extendBudget ? stored.getValue().with(List.of("totalSteps="
                + configs.getFirst().totalSteps())) : stored.getValue(), "this run", configs.getFirst());
        }
        final Map<String, List<Path>> runs = new LinkedHashMap<>();
        for (final TrainingConfig config : configs) {
            final Path directory = seedDirectory(config.methodName(), config.seed());
            runs.computeIfAbsent(config.methodName(), m -> new ArrayList<>()).add(directory);
            final TrainingConfig stored = storedRuns.get(directory);
            if (Files.exists(directory.resolve(TrainingRun.POLICY_FILE))
                && (stored == null || stored.totalSteps() >= config.totalSteps())) {
                console.println(directory + ": already trained");
                continue;
            }
            final boolean resumed = Files.exists(directory.resolve(TrainingRun.CHECKPOINT_FILE));
            if (!resumed) {
                requireNoLostCheckpoint(directory, config);
            }
            final long budget = extendBudget ? config.totalSteps() : -1;
            try (TrainingSession session = resumed ? TrainingRun.resume(directory, budget)
                : TrainingSession.start(config)) {
                if (resumed) {
                    requireCheckpointOf(directory, session.config(), config);
                }
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

    /**
     * The configurations of the stored runs with a larger step budget, for {@code train --resume DIR --steps N}.
     *
     * @param totalSteps the new budget of every run.
     * @return one configuration per seed directory, as {@link #storedConfigs()} but with that budget.
     * @throws IOException     when the directory cannot be listed or a configuration read.
     * @throws ConfigException as {@link #storedConfigs()}, or when {@code totalSteps} is less than a run's budget.
     */
    public List<TrainingConfig> extendedConfigs(final long totalSteps) throws IOException {
        final List<TrainingConfig> stored = storedConfigs();
        final TrainingConfig first = stored.getFirst();
        if (totalSteps < first.totalSteps()) {
            throw new ConfigException("--steps " + totalSteps + " is less than the " + first.totalSteps() + " steps "
                + "the runs in " + out + " were started with; --resume can extend a budget, not shorten it: give "
                + "--steps >= " + first.totalSteps() + ", or train a new experiment with another --out");
        }
        if (first.algorithm() == Algorithm.PPO && first.ppo().annealLearningRate() && totalSteps > first.totalSteps()) {
            console.println("note: ppo.annealLearningRate planned its schedule over " + first.totalSteps() + " steps; "
                + "from here on the rate follows the schedule of " + totalSteps + " steps, so these runs differ from "
                + "ones started with that budget");
        }
        final List<TrainingConfig> extended = new ArrayList<>();
        for (final TrainingConfig config : stored) {
            extended.add(config.with(List.of("totalSteps=" + totalSteps)));
        }
        return extended;
    }

    /**
     * The runs of one experiment differ only in their seed and method; anything else (task, algorithm, budget,
     * hyperparameters) would mix unlike curves in one average.
     */
    private void requireSameExperiment(final Path storedDirectory, final TrainingConfig stored, final String other,
        final TrainingConfig config) {
        final List<String> changed = RecordText.differences(stored, config).stream()
            .filter(change -> !change.startsWith("seed ") && !change.startsWith("adversarial ")).toList();
        if (!changed.isEmpty()) {
            throw new ConfigException(out + " holds runs of another configuration: " + other + " differs from "
                + storedDirectory + " in " + String.join(", ", changed) + "; an experiment's runs differ only in "
                + "seed and method, so train it with another --out");
        }
    }

    private static void requireCheckpointOf(final Path directory, final TrainingConfig checkpointed,
        final TrainingConfig config) {
        final List<String> changed = RecordText.differences(checkpointed, config);
        if (!changed.isEmpty()) {
            throw new ConfigException(directory.resolve(TrainingRun.CONFIG_FILE) + " differs from the run's checkpoint"
                + " in " + String.join(", ", changed) + ": a run resumes with the settings it started with; restore "
                + "those settings, or train them as a new experiment with another --out");
        }
    }

    /**
     * Without a checkpoint a seed starts again from nothing, which is right when it stopped before its first
     * checkpoint (a crash) but would silently discard a run whose checkpoint was deleted.
     */
    private void requireNoLostCheckpoint(final Path directory, final TrainingConfig config) throws IOException {
        final Path metrics = directory.resolve(TrainingRun.METRICS_FILE);
        if (!Files.exists(metrics)) {
            return;
        }
        final int rows = MetricsCsv.rows(metrics).size();
        if (rows >= config.checkpointEvery()) {
            throw new ConfigException(directory + " trained " + rows + " iterations, so it saved a checkpoint, but "
                + TrainingRun.CHECKPOINT_FILE + " is missing: restore it to continue, or delete " + directory
                + " to train that seed again");
        }
        if (rows > 0) {
            console.println(directory + ": stopped after " + rows + " iterations, before its first checkpoint; "
                + "training it again from the start");
        }
    }

    /**
     * The configurations of an experiment directory's runs, for {@code --resume}: each seed directory's own
     * {@code config.txt}.
     *
     * @return one configuration per seed directory found.
     * @throws IOException     when the directory cannot be listed or a configuration read.
     * @throws ConfigException when the directory is not an experiment's (missing, a file, one seed's directory),
     *                         holds none, holds an invalid {@code config.txt} or runs of different configurations.
     */
    public List<TrainingConfig> storedConfigs() throws IOException {
        if (Files.isRegularFile(out)) {
            throw new ConfigException(out + " is a file; --resume takes the experiment directory that train --out "
                + "wrote (it holds <method>/seed-<n>/)");
        }
        if (!Files.isDirectory(out)) {
            throw new ConfigException("experiment directory " + out + " does not exist");
        }
        final Map<Path, TrainingConfig> runs = storedRuns();
        if (runs.isEmpty()) {
            throw new ConfigException(out + " holds no training runs (no <method>/seed-<n>/"
                + TrainingRun.CONFIG_FILE + ")");
        }
        final Map.Entry<Path, TrainingConfig> first = runs.entrySet().iterator().next();
        for (final Map.Entry<Path, TrainingConfig> run : runs.entrySet()) {
            requireSameExperiment(first.getKey(), first.getValue(), run.getKey().toString(), run.getValue());
        }
        return List.copyOf(runs.values());
    }

    /**
     * The {@code <method>/seed-<n>/config.txt} files under the experiment directory, read and validated; a seed's
     * own directory is refused (a run trained into it would nest inside it).
     */
    private Map<Path, TrainingConfig> storedRuns() throws IOException {
        final Map<Path, TrainingConfig> runs = new LinkedHashMap<>();
        if (!Files.isDirectory(out)) {
            return runs;
        }
        if (Files.exists(out.resolve(TrainingRun.CONFIG_FILE))) {
            throw new ConfigException(out + " is one seed's directory, not an experiment's; give its experiment "
                + "directory, " + out.toAbsolutePath().normalize().resolve("../..").normalize());
        }
        try (Stream<Path> files = Files.walk(out, 3)) {
            for (final Path config : files.filter(f -> out.relativize(f).getNameCount() == 3
                && f.getFileName().toString().equals(TrainingRun.CONFIG_FILE)
                && f.getParent().getFileName().toString().startsWith("seed-")).sorted().toList()) {
                runs.put(config.getParent(), readConfig(config));
            }
        }
        return runs;
    }

    private static TrainingConfig readConfig(final Path file) throws IOException {
        try {
            return TrainingConfig.read(BoundedFiles.readUtf8(file, MAX_CONFIG_BYTES, "run configuration"),
                file.toString());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + "; correct it, or train that seed again", e);
        }
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
