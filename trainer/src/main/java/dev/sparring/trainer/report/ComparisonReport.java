package dev.sparring.trainer.report;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.trainer.eval.Labelled;
import dev.sparring.trainer.eval.LearningCurve;
import dev.sparring.trainer.eval.LearningCurves;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.eval.PercentileCurve;
import dev.sparring.trainer.eval.Plots;
import dev.sparring.trainer.eval.Statistics;
import dev.sparring.trainer.eval.SweepResult;
import dev.sparring.trainer.run.Experiment;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.RobustnessStudy.Disturbance;
import dev.sparring.trainer.run.RobustnessStudy.MethodResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the markdown comparison of experiments: per experiment, each seed's final training return and its
 * comparison, the learning curves (median and 25–75th percentile band over seeds) and the final returns by
 * percentile of seeds; per evaluation, a table of every condition with each method's mean ± std over seeds, the
 * difference from the baseline, Welch's t, its degrees of freedom and two-sided p-value and a 95 % bootstrap interval
 * ({@link Comparison}), and per sweep the 1-D curves through the grid's nominal point. Plots go to
 * {@code <report>-plots/<experiment>/}, linked relatively.
 */
public final class ComparisonReport {
    private static final int WIDTH_PX = 900;
    private static final int HEIGHT_PX = 560;
    private static final double LOW_PERCENTILE = 25.0;
    private static final double HIGH_PERCENTILE = 75.0;
    private static final String NONE = "—";

    private final Path markdown;
    private final Path plots;
    private final StringBuilder text = new StringBuilder();
    private final List<String> notes = new ArrayList<>();
    private int plotCount;

    private ComparisonReport(final Path markdown) {
        this.markdown = markdown;
        final String name = markdown.getFileName().toString();
        this.plots = markdown.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name)
            + "-plots");
    }

    /**
     * What was written.
     *
     * @param markdown  the report.
     * @param plots     the directory of its plots.
     * @param plotCount how many plots.
     * @param notes     what could not be compared, and why (also in the report).
     */
    public record Written(Path markdown, Path plots, int plotCount, List<String> notes) {
    }

    /**
     * @param experiments the experiments, each read by {@link ExperimentData#read}.
     * @param markdown    the report file, created or replaced; its plots go beside it.
     * @return what was written.
     * @throws IOException when a file cannot be written.
     */
    public static Written write(final List<ExperimentData> experiments, final Path markdown) throws IOException {
        final ComparisonReport report = new ComparisonReport(markdown);
        report.header(experiments);
        final Set<String> names = new HashSet<>();
        for (final ExperimentData experiment : experiments) {
            final String base = String.valueOf(experiment.directory().toAbsolutePath().normalize().getFileName());
            String name = base;
            for (int k = 2; !names.add(name); k++) {
                name = base + "-" + k;
            }
            report.experiment(experiment, name);
        }
        final Path parent = markdown.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(markdown, report.text.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(markdown, report.plots, report.plotCount, List.copyOf(report.notes));
    }

    private void header(final List<ExperimentData> experiments) {
        text.append("# Comparison report\n\n");
        text.append("Written by `./sparring report` from ");
        final List<String> directories = new ArrayList<>();
        for (final ExperimentData experiment : experiments) {
            directories.add("`" + experiment.directory() + "`");
        }
        text.append(String.join(", ", directories)).append(". Each method is compared with `")
            .append(ExperimentData.BASELINE).append("`. Values are means over seeds ± the population standard "
                + "deviation over seeds (as `train` and `eval` print them); Welch's t uses the sample variances "
                + "(n − 1), its degrees of freedom are Welch–Satterthwaite's and p is two-sided; the interval is a "
                + "95 % percentile bootstrap of the difference of means (")
            .append(Comparison.RESAMPLES).append(" resamples, seed ").append(Comparison.SEED).append(").\n");
    }

    private void experiment(final ExperimentData experiment, final String name) throws IOException {
        final Path directory = plots.resolve(name);
        Files.createDirectories(directory);
        text.append("\n## ").append(name).append(" (`").append(experiment.directory()).append("`)\n");
        training(experiment, name, directory);
        for (final ExperimentData.Evaluation evaluation : experiment.evaluations()) {
            evaluation(name, evaluation, directory);
        }
    }

    private void training(final ExperimentData experiment, final String name, final Path directory) {
        final Map<String, List<ExperimentData.Seed>> training = experiment.training();
        text.append("\n### Training\n\nFinal training return per seed: `charts/episodic_return` of the seed's last "
            + "iteration (the mean return of its last 10 episodes).\n\n| seed |");
        final List<String> methods = List.copyOf(training.keySet());
        for (final String method : methods) {
            text.append(' ').append(method).append(" |");
        }
        text.append("\n|---|").append("---:|".repeat(methods.size())).append('\n');
        final Set<String> seedNames = new LinkedHashSet<>();
        training.values().forEach(seeds -> seeds.forEach(seed -> seedNames.add(seed.name())));
        for (final String seedName : seedNames) {
            text.append("| ").append(seedName).append(" |");
            for (final String method : methods) {
                final String value = training.get(method).stream().filter(seed -> seed.name().equals(seedName))
                    .findFirst().map(seed -> number(seed.finalReturn())).orElse(NONE);
                text.append(' ').append(value).append(" |");
            }
            text.append('\n');
        }
        text.append("| mean |");
        for (final String method : methods) {
            text.append(' ').append(Statistics.meanAndSpread(experiment.finalReturns(method))).append(" |");
        }
        text.append("\n| median |");
        for (final String method : methods) {
            text.append(' ').append(number(Statistics.percentile(experiment.finalReturns(method), 50.0)))
                .append(" |");
        }
        text.append('\n');
        if (training.containsKey(ExperimentData.BASELINE) && methods.size() > 1) {
            for (final String method : methods.subList(1, methods.size())) {
                comparisons(method, List.of(Comparison.of("final training return",
                    experiment.finalReturns(ExperimentData.BASELINE), experiment.finalReturns(method))), name);
            }
        } else {
            note(name + ": training holds no second method beside a baseline (" + methods + "), so final returns "
                + "are not compared");
        }
        learningCurves(training, name, directory);
        final List<Labelled<double[]>> finals = new ArrayList<>();
        for (final String method : methods) {
            finals.add(new Labelled<>(method, experiment.finalReturns(method)));
        }
        plot(directory.resolve("final_return_percentiles.png"), "final training return by percentile of seeds",
            () -> Plots.percentiles(directory.resolve("final_return_percentiles.png"), name
                + ": final training return by percentile of seeds", "final training return", finals, WIDTH_PX,
                HEIGHT_PX));
    }

    private void learningCurves(final Map<String, List<ExperimentData.Seed>> training, final String name,
        final Path directory) {
        final List<Labelled<PercentileCurve>> curves = new ArrayList<>();
        for (final Map.Entry<String, List<ExperimentData.Seed>> method : training.entrySet()) {
            final List<LearningCurve> seeds = method.getValue().stream().map(ExperimentData.Seed::curve).toList();
            if (seeds.stream().anyMatch(seed -> seed.size() < 2)) {
                note(name + ": a " + method.getKey() + " seed logged fewer than 2 iterations; no learning curves");
                return;
            }
            curves.add(new Labelled<>(method.getKey(), LearningCurves.percentiles(seeds, Experiment.CURVE_POINTS,
                LOW_PERCENTILE, HIGH_PERCENTILE)));
        }
        final Path png = directory.resolve("learning_curves.png");
        plot(png, "learning curves (median, 25–75th percentile over seeds)", () -> Plots.learningCurvePercentiles(
            png, name + ": learning curves", curves, WIDTH_PX, HEIGHT_PX));
    }

    private void evaluation(final String name, final ExperimentData.Evaluation evaluation, final Path directory) {
        text.append("\n### Evaluation `").append(evaluation.name()).append("`\n");
        final List<MethodResult> results = evaluation.results();
        final MethodResult baseline = results.stream()
            .filter(result -> result.method().equals(ExperimentData.BASELINE)).findFirst().orElse(null);
        if (results.stream().allMatch(result -> result.perSeed().isEmpty())) {
            note(name + " " + evaluation.name() + ": no " + RobustnessStudy.RETURNS_FILE + " (written by an eval "
                + "older than it), so no per-seed returns and no tests; evaluate again to get them");
        } else if (baseline == null) {
            note(name + " " + evaluation.name() + ": no " + ExperimentData.BASELINE + " method ("
                + results.stream().map(MethodResult::method).toList() + "), nothing to compare with");
        } else {
            for (final MethodResult other : results) {
                if (other != baseline) {
                    final List<Comparison> rows = new ArrayList<>();
                    for (final String condition : baseline.perSeed().keySet()) {
                        final double[] base = baseline.perSeed().get(condition);
                        final double[] values = other.perSeed().get(condition);
                        if (values == null || hasNaN(base) || hasNaN(values)) {
                            note(name + " " + evaluation.name() + ": '" + condition + "' was not evaluated for "
                                + (values == null ? other.method() : "every seed") + "; left out");
                        } else {
                            rows.add(Comparison.of(condition, base, values));
                        }
                    }
                    comparisons(other.method(), rows, name + " " + evaluation.name());
                }
            }
        }
        sweepCurves(name, evaluation, directory);
    }

    private void comparisons(final String method, final List<Comparison> rows, final String where) {
        if (rows.isEmpty()) {
            return;
        }
        final int baseSeeds = rows.getFirst().baseline().length;
        final int otherSeeds = rows.getFirst().other().length;
        text.append("\n| condition | ").append(ExperimentData.BASELINE).append(" (").append(seeds(baseSeeds))
            .append(") | ").append(method).append(" (").append(seeds(otherSeeds)).append(") | ").append(method)
            .append(" − ").append(ExperimentData.BASELINE)
            .append(" | Welch's t | df | p (two-sided) | 95 % bootstrap interval |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        boolean untested = false;
        for (final Comparison row : rows) {
            text.append("| ").append(row.condition()).append(" | ")
                .append(Statistics.meanAndSpread(row.baseline())).append(" | ")
                .append(Statistics.meanAndSpread(row.other())).append(" | ")
                .append(String.format(Locale.ROOT, "%+.1f", row.difference())).append(" | ");
            if (row.welch() == null) {
                untested = true;
                text.append(NONE + " | " + NONE + " | " + NONE + " | " + NONE + " |\n");
                continue;
            }
            if (row.welch().defined()) {
                text.append(String.format(Locale.ROOT, "%+.2f | %.1f | %s | ", row.welch().t(), row.welch().df(),
                    pValue(row.welch().p())));
            } else {
                text.append(NONE + " (no spread) | " + NONE + " | " + NONE + " | ");
            }
            text.append(String.format(Locale.ROOT, "[%+.1f, %+.1f] |%n", row.interval().low(),
                row.interval().high()));
        }
        if (untested) {
            final String why = where + ": " + method + " vs " + ExperimentData.BASELINE + " is not tested: Welch's t "
                + "and the bootstrap need at least 2 seeds per method (" + ExperimentData.BASELINE + " has "
                + seeds(baseSeeds) + ", " + method + " " + seeds(otherSeeds) + "); the means are shown alone";
            text.append('\n').append(why).append(".\n");
            notes.add(why);
        }
    }

    private void sweepCurves(final String name, final ExperimentData.Evaluation evaluation, final Path directory) {
        final List<MethodResult> results = evaluation.results();
        for (final Disturbance disturbance : Disturbance.values()) {
            final List<Labelled<SweepResult>> grids = new ArrayList<>();
            for (final MethodResult result : results) {
                final SweepResult sweep = result.sweeps().get(disturbance);
                if (sweep != null && sweep.isGrid()) {
                    grids.add(new Labelled<>(result.method(), sweep));
                }
            }
            if (grids.isEmpty()) {
                continue;
            }
            final SweepResult first = grids.getFirst().value();
            final int nominalA = nearestToNominal(first.axisA());
            final int nominalB = nearestToNominal(first.axisB());
            final String file = (evaluation.name().equals(".") ? "" : evaluation.name() + "_")
                + disturbance.name().toLowerCase(Locale.ROOT) + "_";
            final List<Labelled<SweepResult>> alongA = new ArrayList<>();
            final List<Labelled<SweepResult>> alongB = new ArrayList<>();
            for (final Labelled<SweepResult> grid : grids) {
                alongA.add(new Labelled<>(grid.label(), grid.value().alongA(nominalB)));
                alongB.add(new Labelled<>(grid.label(), grid.value().alongB(nominalA)));
            }
            final String under = " (" + disturbance.condition().substring("sweep, ".length()) + ")";
            final String titleA = first.axisA().label() + " at " + first.axisB().label() + " × "
                + point(first.axisB(), nominalB) + under;
            final String titleB = first.axisB().label() + " at " + first.axisA().label() + " × "
                + point(first.axisA(), nominalA) + under;
            final Path pngA = directory.resolve(file + first.axisA().label() + ".png");
            final Path pngB = directory.resolve(file + first.axisB().label() + ".png");
            plot(pngA, "`" + evaluation.name() + "`: " + titleA, () -> Plots.robustnessCurves(pngA,
                name + ": " + titleA, alongA, "± 1 standard deviation over seeds", WIDTH_PX, HEIGHT_PX));
            plot(pngB, "`" + evaluation.name() + "`: " + titleB, () -> Plots.robustnessCurves(pngB,
                name + ": " + titleB, alongB, "± 1 standard deviation over seeds", WIDTH_PX, HEIGHT_PX));
            if (first.axisA().point(nominalA) != 1.0 || first.axisB().point(nominalB) != 1.0) {
                note(name + " " + evaluation.name() + ": the grid has no nominal (× 1) point on each axis; its 1-D "
                    + "curves go through the nearest points");
            }
        }
    }

    private void plot(final Path png, final String caption, final Runnable draw) {
        draw.run();
        plotCount++;
        text.append("\n![").append(caption).append("](")
            .append(markdown.toAbsolutePath().getParent().relativize(png.toAbsolutePath()).toString()
                .replace('\\', '/'))
            .append(")\n");
    }

    private void note(final String note) {
        notes.add(note);
        text.append("\nNote: ").append(note).append(".\n");
    }

    /** The index of the point closest to the nominal multiplier 1. */
    static int nearestToNominal(final ParameterAxis axis) {
        int best = 0;
        for (int i = 1; i < axis.size(); i++) {
            if (Math.abs(axis.point(i) - 1.0) < Math.abs(axis.point(best) - 1.0)) {
                best = i;
            }
        }
        return best;
    }

    private static String point(final ParameterAxis axis, final int index) {
        return String.format(Locale.ROOT, "%.3g", axis.point(index));
    }

    private static boolean hasNaN(final double[] values) {
        for (final double value : values) {
            if (Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }

    private static String seeds(final int count) {
        return count == 1 ? "1 seed" : count + " seeds";
    }

    private static String number(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pValue(final double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
