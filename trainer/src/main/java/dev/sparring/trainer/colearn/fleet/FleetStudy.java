package dev.sparring.trainer.colearn.fleet;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.trainer.colearn.RelativeAuc;
import dev.sparring.trainer.eval.Labelled;
import dev.sparring.trainer.eval.LearningCurve;
import dev.sparring.trainer.eval.LearningCurves;
import dev.sparring.trainer.eval.PercentileCurve;
import dev.sparring.trainer.eval.Plots;
import dev.sparring.trainer.eval.Statistics;
import dev.sparring.trainer.eval.WelchTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A fleet study: each method (a sharing mode, and for Dynamic Co-Learning each number of supervisors) over the same
 * seeds, each run in its own directory {@code <method>/seed-<n>/} (a run that finished before is not run again), then
 * a summary against independent learners ({@code none}) on the same seed: relative AUC, time to threshold, final
 * return per robot type, bytes relayed, the context features' fidelity; {@code summary.md}, {@code summary.csv} and
 * learning-curve plots.
 *
 * <p>Relative AUC, as the paper's metric and {@link RelativeAuc} in the task-allocation domain: the cost of a window is
 * the shortfall of the fleet's mean recent return below the seed's best final level (the highest, over the methods,
 * of a curve's mean over its last 10 % of windows), and the relative AUC is the summed shortfall of a method over
 * that of independent learners: below 1 the fleet learned sooner (or better); 0.5 is half the shortfall.
 */
public final class FleetStudy {
    private static final String DONE = "done";
    private static final String STUDY_FILE = "study.txt";

    private FleetStudy() {
    }

    /**
     * One method of the study.
     *
     * @param sharing     the sharing mode.
     * @param supervisors S.
     */
    public record Method(SharingMode sharing, int supervisors) {
        /**
         * @return the label and directory name: the mode, with S for Dynamic Co-Learning ({@code colearn-S4}).
         */
        public String label() {
            return sharing == SharingMode.COLEARN ? "colearn-S" + supervisors : sharing.label();
        }
    }

    /**
     * Runs the methods over the seeds (skipping finished runs) and writes the summary.
     *
     * @param methods   the methods; must include {@code none}.
     * @param seeds     the seeds.
     * @param configOf  the run settings of a method and seed.
     * @param fleet     the robots.
     * @param directory the study directory.
     * @param keepLogs  keep each run's robot logs in its {@code logs/}.
     * @param transport where the supervisors read the robots' logs (the results do not depend on it).
     * @param progress  where progress goes.
     * @return the summary's markdown.
     * @throws IOException when a file cannot be read or written.
     */
    public static String run(final List<Method> methods, final List<Long> seeds,
        final java.util.function.BiFunction<Method, Long, FleetConfig> configOf, final FleetDescription fleet,
        final Path directory, final boolean keepLogs, final FleetTransport transport, final PrintWriter progress)
        throws IOException {
        if (methods.stream().noneMatch(method -> method.sharing() == SharingMode.NONE)) {
            throw new IllegalArgumentException("a fleet study compares with independent learners: add none");
        }
        checkSameStudy(directory, describe(configOf.apply(methods.get(0), seeds.get(0)), fleet));
        for (final long seed : seeds) {
            for (final Method method : methods) {
                final Path run = runDirectory(directory, method, seed);
                if (Files.exists(run.resolve(DONE))) {
                    progress.printf(Locale.ROOT, "%s seed %d: done before, skipped%n", method.label(), seed);
                    continue;
                }
                final long startNs = System.nanoTime();
                new FleetTraining(configOf.apply(method, seed), fleet, run, transport).run(progress, keepLogs);
                Files.writeString(run.resolve(DONE), String.format(Locale.ROOT, "%.1f s%n",
                    (System.nanoTime() - startNs) / 1e9));
            }
        }
        final FleetConfig any = configOf.apply(methods.get(0), seeds.get(0));
        return summarize(methods, seeds, fleet, directory, any.threshold(), seed -> configOf.apply(methods.get(0),
            seed));
    }

    /**
     * The settings every run of a study shares (seeds and methods may be added when it resumes).
     */
    private static String describe(final FleetConfig config, final FleetDescription fleet) {
        return String.format(Locale.ROOT, "fleet %s%ntypes %s%nrobots %d%nwindow %d%nsteps %d%ntemperature %d%n"
            + "k %d..%d%nhidden %s%nweight clip %s%nppo %s%n", fleet.file().toAbsolutePath().normalize(),
            fleet.typeNames(), config.robots(), config.windowSteps(), config.windows() * config.windowSteps(),
            config.temperature(), config.kMin(), config.kMax(), Arrays.toString(config.hiddenSizes()),
            config.weightClip(), config.ppo());
    }

    /** Refuses to resume a study directory that holds runs of other settings, which its summary would mix. */
    private static void checkSameStudy(final Path directory, final String settings) throws IOException {
        final Path file = directory.resolve(STUDY_FILE);
        if (Files.exists(file)) {
            final String stored = Files.readString(file, StandardCharsets.UTF_8);
            if (!stored.equals(settings)) {
                throw new ConfigException(directory + " holds a study of other settings (" + file + "); give another "
                    + "--out, or the same options (seeds and sharing modes may be added)");
            }
        } else {
            Files.createDirectories(directory);
            AtomicFiles.write(file, settings.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Path runDirectory(final Path directory, final Method method, final long seed) {
        return directory.resolve(method.label()).resolve("seed-" + seed);
    }

    /** Reads every run and writes summary.md, summary.csv and the plots. */
    static String summarize(final List<Method> methods, final List<Long> seeds, final FleetDescription fleet,
        final Path directory, final double threshold, final LongFunction<FleetConfig> configOf) throws IOException {
        final int types = fleet.typeNames().size();
        final Map<String, FleetRunCurves[]> runs = new LinkedHashMap<>();
        for (final Method method : methods) {
            final FleetRunCurves[] perSeed = new FleetRunCurves[seeds.size()];
            for (int s = 0; s < seeds.size(); s++) {
                perSeed[s] = FleetRunCurves.read(runDirectory(directory, method, seeds.get(s)).resolve("metrics.csv"),
                    types, threshold);
            }
            runs.put(method.label(), perSeed);
        }
        final FleetRunCurves[] none = runs.get(SharingMode.NONE.label());
        final double[] reference = new double[seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            double best = Double.NEGATIVE_INFINITY;
            for (final FleetRunCurves[] perSeed : runs.values()) {
                best = Math.max(best, RelativeAuc.finalLevel(perSeed[s].fleet()));
            }
            reference[s] = -best;
        }
        final StringBuilder md = new StringBuilder();
        final FleetConfig config = configOf.apply(seeds.get(0));
        md.append(String.format(Locale.ROOT, "Fleet study: %d robots of %d types (%s), K = %d steps per window, "
            + "%d steps per robot, T = %d, PPO %d epochs × %d minibatches of a window, seeds %s; threshold %.0f.%n%n",
            config.robots(), types, String.join(", ", fleet.typeNames()), config.windowSteps(),
            config.windows() * config.windowSteps(), config.temperature(), config.ppo().epochs(),
            config.ppo().minibatches(), seeds, threshold));
        md.append("| method | relative AUC (mean ± std) | median | vs none: Welch's t (df), p on the shortfall areas "
            + "| robots reaching the threshold | median steps to it | bytes received per robot per window |");
        for (final String type : fleet.typeNames()) {
            md.append(" final return: ").append(type).append(" |");
        }
        md.append(" fidelity (Pearson, Spearman of m vs D_C) |\n|---|---|---|---|---|---|---|");
        md.append("---|".repeat(types)).append("---|\n");
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(directory.resolve("summary.csv"),
            StandardCharsets.UTF_8))) {
            csv.println("method,seed,relative_auc,shortfall_area,reached,median_windows_to_threshold,"
                + "bytes_per_robot_per_window," + String.join(",", fleet.typeNames().stream()
                    .map(type -> "final_" + type).toList()));
            for (final Method method : methods) {
                final FleetRunCurves[] perSeed = runs.get(method.label());
                final double[] relative = new double[seeds.size()];
                final double[] area = new double[seeds.size()];
                final double[] noneArea = new double[seeds.size()];
                final double[][] finals = new double[types][seeds.size()];
                final double[][] noneFinals = new double[types][seeds.size()];
                int reached = 0;
                int robots = 0;
                final List<Integer> windowsToReach = new ArrayList<>();
                double bytes = 0.0;
                for (int s = 0; s < seeds.size(); s++) {
                    area[s] = RelativeAuc.area(negated(perSeed[s].fleet()), reference[s]);
                    noneArea[s] = RelativeAuc.area(negated(none[s].fleet()), reference[s]);
                    relative[s] = area[s] / noneArea[s];
                    for (int t = 0; t < types; t++) {
                        finals[t][s] = RelativeAuc.finalLevel(perSeed[s].byType()[t]);
                        noneFinals[t][s] = RelativeAuc.finalLevel(none[s].byType()[t]);
                    }
                    for (final int w : perSeed[s].windowsToReach()) {
                        robots++;
                        if (w > 0) {
                            reached++;
                            windowsToReach.add(w);
                        }
                    }
                    bytes += perSeed[s].bytesPerRobotPerWindow();
                    final List<Integer> reachedBy = Arrays.stream(perSeed[s].windowsToReach()).filter(w -> w > 0)
                        .boxed().toList();
                    csv.printf(Locale.ROOT, "%s,%d,%s,%s,%d,%s,%s", method.label(), seeds.get(s),
                        CsvNumbers.format(relative[s]), CsvNumbers.format(area[s]), reachedBy.size(),
                        reachedBy.isEmpty() ? "" : CsvNumbers.format(medianOf(reachedBy)),
                        CsvNumbers.format(perSeed[s].bytesPerRobotPerWindow()));
                    for (int t = 0; t < types; t++) {
                        csv.print("," + CsvNumbers.format(finals[t][s]));
                    }
                    csv.println();
                }
                final WelchTest test = seeds.size() < 2 ? null : WelchTest.compare(noneArea, area);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %d / %d | %s | %.0f |", method.label(),
                    meanStd(relative), medianOf(relative), method.sharing() == SharingMode.NONE || test == null ? "—"
                        : welch(test), reached, robots, windowsToReach.isEmpty() ? "—"
                        : String.format(Locale.ROOT, "%.0f", medianOf(windowsToReach)
                            * config.windowSteps()), bytes / seeds.size()));
                for (int t = 0; t < types; t++) {
                    md.append(' ').append(meanStd(finals[t]));
                    if (method.sharing() != SharingMode.NONE && seeds.size() >= 2) {
                        final WelchTest typeTest = WelchTest.compare(noneFinals[t], finals[t]);
                        md.append(typeTest.defined() ? String.format(Locale.ROOT, " (p %.3f)", typeTest.p()) : "");
                    }
                    md.append(" |");
                }
                md.append(' ').append(method.sharing() == SharingMode.COLEARN
                    ? fidelity(directory, method, seeds) : "—").append(" |\n");
            }
        }
        md.append("\nFinal return: a type's mean recent return over its last 10 % of windows, mean ± std over seeds, "
            + "with Welch's p against independent learners. Steps to the threshold: median over the robots that "
            + "reached it.\n");
        Files.writeString(directory.resolve("summary.md"), md.toString());
        plot(methods, seeds, directory, runs, config, fleet);
        return md.toString();
    }

    private static void plot(final List<Method> methods, final List<Long> seeds, final Path directory,
        final Map<String, FleetRunCurves[]> runs, final FleetConfig config, final FleetDescription fleet)
        throws IOException {
        final int windows = runs.values().iterator().next()[0].fleet().length;
        if (windows < 2) {
            return;
        }
        final double[] steps = new double[windows];
        for (int w = 0; w < windows; w++) {
            steps[w] = (w + 1.0) * config.windowSteps();
        }
        final List<Labelled<PercentileCurve>> curves = new ArrayList<>();
        for (final Method method : methods) {
            curves.add(new Labelled<>(method.label(), percentiles(steps, runs.get(method.label()), -1)));
        }
        Plots.learningCurvePercentiles(directory.resolve("curves.png"), "Fleet: mean recent return (median over "
            + seeds.size() + " seeds)", "steps per robot", "fleet's mean return", curves, 1000, 600);
        for (final Method method : methods) {
            if (method.sharing() == SharingMode.COLEARN) {
                plotGroups(directory, method, seeds.get(0), fleet);
            }
        }
        for (int t = 0; t < fleet.typeNames().size(); t++) {
            final List<Labelled<PercentileCurve>> typeCurves = new ArrayList<>();
            for (final Method method : methods) {
                typeCurves.add(new Labelled<>(method.label(), percentiles(steps, runs.get(method.label()), t)));
            }
            Plots.learningCurvePercentiles(directory.resolve("curves-" + fleet.typeNames().get(t) + ".png"),
                "Robot type " + fleet.typeNames().get(t) + ": mean recent return", "steps per robot",
                "type's mean return", typeCurves, 1000, 600);
        }
    }

    /** Who was grouped with whom, window by window, in one run: robots sorted by hidden type. */
    private static void plotGroups(final Path directory, final Method method, final long seed,
        final FleetDescription fleet) throws IOException {
        final List<String> lines = Files.readAllLines(runDirectory(directory, method, seed).resolve("metrics.csv"));
        int windows = 0;
        int robots = 0;
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = lines.get(i).split(",", -1);
            windows = Math.max(windows, Integer.parseInt(f[0]) + 1);
            robots = Math.max(robots, Integer.parseInt(f[2]) + 1);
        }
        final int[] type = new int[robots];
        final int[][] group = new int[windows][robots];
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = lines.get(i).split(",", -1);
            type[Integer.parseInt(f[2])] = Integer.parseInt(f[3]);
            group[Integer.parseInt(f[0])][Integer.parseInt(f[2])] = Integer.parseInt(f[5]);
        }
        final Integer[] order = new Integer[robots];
        for (int r = 0; r < robots; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> type[a] != type[b] ? Integer.compare(type[a], type[b]) : Integer.compare(a, b));
        final int[][] rows = new int[windows][robots];
        for (int w = 0; w < windows; w++) {
            for (int r = 0; r < robots; r++) {
                rows[w][r] = group[w][order[r]];
            }
        }
        final List<Integer> starts = new ArrayList<>();
        for (int r = 1; r < robots; r++) {
            if (type[order[r]] != type[order[r - 1]]) {
                starts.add(r);
            }
        }
        Plots.groupsOverTime(directory.resolve("groups-" + method.label() + "-seed" + seed + ".png"),
            "Sharing groups over time: " + method.label() + ", seed " + seed, "rows: robots by hidden type ("
                + String.join(", ", fleet.typeNames()) + ", bottom to top, lines between types); colour: the robot's "
                + "group in the window, numbered per supervisor; grey: in no group",
            rows, starts.stream().mapToInt(Integer::intValue).toArray(), 1000, 600);
    }

    private static PercentileCurve percentiles(final double[] steps, final FleetRunCurves[] perSeed, final int type) {
        final List<LearningCurve> seeds = new ArrayList<>();
        for (final FleetRunCurves run : perSeed) {
            seeds.add(new LearningCurve(steps, type < 0 ? run.fleet() : run.byType()[type]));
        }
        return LearningCurves.percentiles(seeds, steps.length, 25.0, 75.0);
    }

    private static String fidelity(final Path directory, final Method method, final List<Long> seeds)
        throws IOException {
        double pearson = 0.0;
        double spearman = 0.0;
        int count = 0;
        for (final long seed : seeds) {
            final List<String> lines = Files.readAllLines(runDirectory(directory, method, seed)
                .resolve("fidelity.csv"));
            for (int i = 1; i < lines.size(); i++) {
                final String[] f = lines.get(i).split(",", -1);
                final double p = CsvNumbers.parse(f[3]);
                final double r = CsvNumbers.parse(f[4]);
                if (!Double.isNaN(p) && !Double.isNaN(r)) {
                    pearson += p;
                    spearman += r;
                    count++;
                }
            }
        }
        return count == 0 ? "—" : String.format(Locale.ROOT, "%.2f, %.2f", pearson / count, spearman / count);
    }

    private static double[] negated(final double[] curve) {
        final double[] cost = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            cost[i] = -curve[i];
        }
        return cost;
    }

    private static String welch(final WelchTest test) {
        return test.defined() ? String.format(Locale.ROOT, "%+.2f (%.1f), %.3f", test.t(), test.df(), test.p())
            : "—";
    }

    private static String meanStd(final double[] values) {
        return values.length == 1 ? String.format(Locale.ROOT, "%.3f (1 seed)", values[0])
            : String.format(Locale.ROOT, "%.3f ± %.3f", Statistics.mean(values), Statistics.std(values));
    }

    private static double medianOf(final double[] values) {
        return Statistics.percentile(values, 50.0);
    }

    private static double medianOf(final List<Integer> values) {
        return medianOf(values.stream().mapToDouble(Integer::doubleValue).toArray());
    }
}
