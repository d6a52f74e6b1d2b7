package dev.sparring.trainer.colearn.taskalloc;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The study's summary: per method, the relative AUC over seeds (median, mean ± standard deviation) beside the
 * paper's medians, its tests against independent learners (Welch's t against the baseline's constant 1, which is
 * the one-sample t-test of the mean relative AUC against 1, and Wilcoxon's signed-rank test of the paired areas
 * per seed), and Dynamic Co-Learning against random partners and against sharing with everyone at the same
 * {@code S} (Welch's t and signed-rank on the relative AUCs); written as {@code summary.md} and
 * {@code summary.csv}, with learning-curve plots per {@code S} (median over seeds, band from the 25th to the 75th
 * percentile: a seed whose queues never settle would swamp a mean) and a percentile plot of
 * Dynamic Co-Learning's relative AUCs per {@code S}.
 */
public final class StudySummary {
    /** The paper's reported median relative AUC of Dynamic Co-Learning for 1, 4 and 9 supervisors. */
    public static final Map<Integer, Double> PAPER_MEDIANS = Map.of(1, 0.57, 4, 0.63, 9, 0.70);

    private StudySummary() {
    }

    /**
     * Writes the summary files and plots.
     *
     * @param plan      the study's plan.
     * @param outcomes  per seed, per method label, the outcome.
     * @param directory where to write.
     * @param title     the heading's subject, e.g. {@code "100 agents, 10 000 time units, K = 115"}.
     * @return the markdown table that was written.
     * @throws IOException when a file cannot be written.
     */
    public static String write(final TaskAllocationStudy.Plan plan,
        final Map<Long, Map<String, MethodOutcome>> outcomes, final Path directory, final String title)
        throws IOException {
        final List<StudyMethod> methods = plan.methods();
        final int seeds = outcomes.size();
        final StringBuilder md = new StringBuilder();
        final StringBuilder csv = new StringBuilder("method,sharing,supervisors,seeds,relative_auc_median,"
            + "relative_auc_mean,relative_auc_std,paper_median,t_p_vs_independent,wilcoxon_p_vs_independent,"
            + "plain_relative_auc_median,final_service_time_mean,mean_partners,supervisor_ms_per_window,"
            + "replay_ms_per_window,wall_s_mean,same_type_share\n");
        md.append("Relative AUC = area of the mean service-time curve above the seed's best final level, method / "
            + "independent (lower is better); ").append(seeds).append(" seeds; ").append(title).append(".\n\n");
        md.append("| method | S | relative AUC median | mean ± std | paper median | p vs independent (t / signed-rank) "
            + "| plain AUC ratio median | final service time | partners per agent per window "
            + "| same-type partners | supervisor ms per window |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final StudyMethod method : methods) {
            final double[] relative = column(outcomes, method, MethodOutcome::relativeAuc);
            final double[] plain = column(outcomes, method, MethodOutcome::plainRelativeAuc);
            final double[] finals = column(outcomes, method, MethodOutcome::finalLevel);
            final double[] partners = column(outcomes, method, MethodOutcome::meanPartners);
            final double sameType = Statistics.mean(column(outcomes, method, MethodOutcome::sameTypeShare));
            final double[] supervisor = column(outcomes, method, MethodOutcome::supervisorMsPerWindow);
            final double[] replay = column(outcomes, method, MethodOutcome::replayMsPerWindow);
            final double[] wall = column(outcomes, method, MethodOutcome::wallS);
            final boolean baseline = method.sharing() == Sharing.NONE;
            final Double paper = method.sharing() == Sharing.COLEARN ? PAPER_MEDIANS.get(method.supervisors()) : null;
            double tP = Double.NaN;
            double wP = Double.NaN;
            if (!baseline && seeds >= 2) {
                tP = WelchTest.compare(ones(seeds), relative).p();
                wP = SignedRankTest.of(differences(column(outcomes, method, MethodOutcome::area),
                    column(outcomes, StudyMethod.INDEPENDENT, MethodOutcome::area))).p();
            }
            md.append("| ").append(method.sharing().label()).append(" | ")
                .append(baseline ? "–" : Integer.toString(method.supervisors())).append(" | ")
                .append(f3(Statistics.percentile(relative, 50))).append(" | ")
                .append(f3(Statistics.mean(relative))).append(" ± ").append(f3(Statistics.std(relative))).append(" | ")
                .append(paper == null ? "" : f3(paper)).append(" | ")
                .append(baseline ? "" : p(tP) + " / " + p(wP)).append(" | ")
                .append(f3(Statistics.percentile(plain, 50))).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f ± %.2f", Statistics.mean(finals), Statistics.std(finals)))
                .append(" | ").append(baseline ? "" : String.format(Locale.ROOT, "%.2f", Statistics.mean(partners)))
                .append(" | ").append(baseline ? "" : Double.isNaN(sameType) ? "n/a" : String.format(Locale.ROOT,
                    "%.0f %%", 100 * sameType))
                .append(" | ").append(baseline ? "" : String.format(Locale.ROOT, "%.2f", Statistics.mean(supervisor)))
                .append(" |\n");
            csv.append(String.join(",", method.label(), method.sharing().label(),
                Integer.toString(method.supervisors()), Integer.toString(seeds),
                CsvNumbers.format(Statistics.percentile(relative, 50)), CsvNumbers.format(Statistics.mean(relative)),
                CsvNumbers.format(Statistics.std(relative)), paper == null ? "" : CsvNumbers.format(paper),
                CsvNumbers.format(tP), CsvNumbers.format(wP), CsvNumbers.format(Statistics.percentile(plain, 50)),
                CsvNumbers.format(Statistics.mean(finals)), CsvNumbers.format(Statistics.mean(partners)),
                CsvNumbers.format(Statistics.mean(supervisor)), CsvNumbers.format(Statistics.mean(replay)),
                CsvNumbers.format(Statistics.mean(wall)), CsvNumbers.format(sameType))).append('\n');
        }
        md.append('\n').append(pairwise(plan, outcomes));
        AtomicFiles.write(directory.resolve("summary.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(directory.resolve("summary.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        plots(plan, outcomes, directory, title);
        return md.toString();
    }

    /** Dynamic Co-Learning against random partners and against everyone, at each S. */
    private static String pairwise(final TaskAllocationStudy.Plan plan,
        final Map<Long, Map<String, MethodOutcome>> outcomes) {
        final StringBuilder md = new StringBuilder();
        if (!plan.sharings().contains(Sharing.COLEARN) || outcomes.size() < 2) {
            return "";
        }
        md.append("| comparison (relative AUC) | S | mean difference | Welch's t p | signed-rank p "
            + "| better on seeds |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (final int s : plan.supervisors()) {
            final double[] colearn = column(outcomes, new StudyMethod(Sharing.COLEARN, s), MethodOutcome::relativeAuc);
            for (final Sharing other : List.of(Sharing.RANDOM, Sharing.ALL)) {
                if (!plan.sharings().contains(other)) {
                    continue;
                }
                final double[] against = column(outcomes, new StudyMethod(other, s), MethodOutcome::relativeAuc);
                final double[] difference = differences(colearn, against);
                int better = 0;
                for (final double d : difference) {
                    better += d < 0.0 ? 1 : 0;
                }
                md.append("| colearn − ").append(other.label()).append(" | ").append(s).append(" | ")
                    .append(f3(Statistics.mean(difference))).append(" | ")
                    .append(p(WelchTest.compare(against, colearn).p())).append(" | ")
                    .append(p(SignedRankTest.of(difference).p())).append(" | ").append(better).append(" of ")
                    .append(difference.length).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void plots(final TaskAllocationStudy.Plan plan, final Map<Long, Map<String, MethodOutcome>> outcomes,
        final Path directory, final String title) {
        final RunSettings settings = plan.settings();
        final int buckets = settings.buckets();
        final double[] time = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            time[b] = Math.min((long) (b + 1) * settings.bucket(), settings.timeUnits());
        }
        final List<Labelled<double[]>> relatives = new ArrayList<>();
        for (final int s : plan.supervisors()) {
            final List<Labelled<PercentileCurve>> curves = new ArrayList<>();
            curves.add(new Labelled<>("independent", medianCurve(outcomes, StudyMethod.INDEPENDENT, time)));
            for (final Sharing sharing : List.of(Sharing.ALL, Sharing.COLEARN, Sharing.RANDOM)) {
                if (plan.sharings().contains(sharing)) {
                    final StudyMethod method = new StudyMethod(sharing, s);
                    curves.add(new Labelled<>(sharing.label(), medianCurve(outcomes, method, time)));
                    if (sharing == Sharing.COLEARN) {
                        relatives.add(new Labelled<>(method.label(), column(outcomes, method,
                            MethodOutcome::relativeAuc)));
                    }
                }
            }
            if (buckets >= 2) {
                Plots.learningCurvePercentiles(directory.resolve("curves-S" + s + ".png"), "Task allocation, S = " + s
                    + ": " + title, "time units", "mean service time in the bucket (median over seeds)", curves, 1000,
                    600);
            }
        }
        if (!relatives.isEmpty()) {
            Plots.percentiles(directory.resolve("relative-auc.png"), "Dynamic Co-Learning's relative AUC per seed "
                + "(lower is better)", "relative AUC", relatives, 1000, 600);
        }
    }

    private static PercentileCurve medianCurve(final Map<Long, Map<String, MethodOutcome>> outcomes,
        final StudyMethod method, final double[] time) {
        final List<LearningCurve> seeds = new ArrayList<>();
        for (final Map<String, MethodOutcome> seed : outcomes.values()) {
            seeds.add(new LearningCurve(time, seed.get(method.label()).curve()));
        }
        return LearningCurves.percentiles(seeds, time.length, 25.0, 75.0);
    }

    private static double[] column(final Map<Long, Map<String, MethodOutcome>> outcomes, final StudyMethod method,
        final ToDoubleFunction<MethodOutcome> value) {
        final double[] column = new double[outcomes.size()];
        int i = 0;
        for (final Map<String, MethodOutcome> seed : outcomes.values()) {
            column[i++] = value.applyAsDouble(seed.get(method.label()));
        }
        return column;
    }

    private static double[] differences(final double[] a, final double[] b) {
        final double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double[] ones(final int n) {
        final double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    private static String f3(final double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String p(final double p) {
        return Double.isNaN(p) ? "n/a" : p < 0.001 ? String.format(Locale.ROOT, "%.1e", p)
            : String.format(Locale.ROOT, "%.3f", p);
    }
}
