package dev.sparring.trainer.run;

import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.ActionFunction;
import dev.sparring.trainer.eval.DisturbanceMode;
import dev.sparring.trainer.eval.EvaluationResult;
import dev.sparring.trainer.eval.Evaluator;
import dev.sparring.trainer.eval.Labelled;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.eval.Plots;
import dev.sparring.trainer.eval.RobustnessSweep;
import dev.sparring.trainer.eval.SweepResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares methods' protagonists (several seeds each) for robustness: the mean return at nominal parameters with no
 * disturbance, with random forces and against an adversary trained afresh against each protagonist; and a sweep of
 * test-time parameter changes (a 2-D grid, no disturbance), combined over seeds and plotted as side-by-side heat
 * maps. Every number is a mean ± standard deviation over seeds of each seed's mean over episodes.
 *
 * @param template       the task, force bound and the optimizer settings a fresh adversary trains with.
 * @param axisA          the sweep's first axis.
 * @param axisB          the sweep's second axis.
 * @param episodes       episodes per evaluation and per sweep cell.
 * @param adversarySteps the fresh adversary's step budget (0 skips that condition).
 * @param threads        sweep threads.
 * @param seed           the seed of episode draws, shared by all methods so they face the same starts and forces.
 */
public record RobustnessStudy(TrainingConfig template, ParameterAxis axisA, ParameterAxis axisB, int episodes,
    long adversarySteps, int threads, long seed) {

    /** The evaluation conditions, in table order. */
    public static final List<String> CONDITIONS = List.of("nominal", "random forces", "trained adversary",
        "parameter sweep");

    /**
     * One method's numbers: per condition, one value per seed.
     *
     * @param method   the method's name.
     * @param perSeed  per condition, the seeds' mean returns.
     * @param sweep    the sweep combined over seeds.
     */
    public record MethodResult(String method, Map<String, double[]> perSeed, SweepResult sweep) {
        /**
         * @param condition a condition from {@link #CONDITIONS}.
         * @return the mean over seeds.
         */
        public double mean(final String condition) {
            final double[] values = perSeed.get(condition);
            double sum = 0.0;
            for (final double v : values) {
                sum += v;
            }
            return sum / values.length;
        }

        /**
         * @param condition a condition from {@link #CONDITIONS}.
         * @return the population standard deviation over seeds.
         */
        public double std(final String condition) {
            final double[] values = perSeed.get(condition);
            final double m = mean(condition);
            double sum = 0.0;
            for (final double v : values) {
                sum += (v - m) * (v - m);
            }
            return Math.sqrt(sum / values.length);
        }
    }

    /**
     * Evaluates every method's protagonists.
     *
     * @param protagonists per method, one policy per seed.
     * @return per method, its numbers.
     */
    public List<MethodResult> run(final Map<String, List<GaussianPolicy>> protagonists) {
        final List<MethodResult> results = new ArrayList<>();
        final double boundN = template.rarl().adversaryBoundN();
        for (final Map.Entry<String, List<GaussianPolicy>> method : protagonists.entrySet()) {
            final List<GaussianPolicy> seeds = method.getValue();
            final Map<String, double[]> perSeed = new LinkedHashMap<>();
            for (final String condition : CONDITIONS) {
                perSeed.put(condition, new double[seeds.size()]);
            }
            final List<SweepResult> sweeps = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                final GaussianPolicy policy = seeds.get(s);
                perSeed.get("nominal")[s] = evaluate(policy, DisturbanceMode.none()).meanReturn();
                perSeed.get("random forces")[s] = evaluate(policy, DisturbanceMode.random(1.0)).meanReturn();
                if (adversarySteps > 0) {
                    final GaussianPolicy adversary = AdversaryTraining.train(template, policy, adversarySteps,
                        seed + s);
                    perSeed.get("trained adversary")[s] = evaluate(policy,
                        DisturbanceMode.adversary(() -> actions(adversary))).meanReturn();
                } else {
                    perSeed.get("trained adversary")[s] = Double.NaN;
                }
                final SweepResult sweep = RobustnessSweep.grid(axisA, axisB, episodes, seed)
                    .run(() -> Tasks.create(template.task(), boundN), () -> actions(policy), DisturbanceMode.none(),
                        threads);
                sweeps.add(sweep);
                perSeed.get("parameter sweep")[s] = sweep.overallMeanReturn();
            }
            results.add(new MethodResult(method.getKey(), perSeed, SweepResult.acrossPolicies(sweeps)));
        }
        return results;
    }

    /**
     * Prints the comparison table.
     *
     * @param results the methods' numbers.
     * @param out     where to print.
     */
    public static void print(final List<MethodResult> results, final PrintWriter out) {
        out.printf(Locale.ROOT, "%-20s", "mean return");
        for (final MethodResult result : results) {
            out.printf(Locale.ROOT, "%24s", result.method() + " (" + result.perSeed().get("nominal").length
                + " seeds)");
        }
        out.println();
        for (final String condition : CONDITIONS) {
            out.printf(Locale.ROOT, "%-20s", condition);
            for (final MethodResult result : results) {
                out.printf(Locale.ROOT, "%24s", String.format(Locale.ROOT, "%.1f ± %.1f", result.mean(condition),
                    result.std(condition)));
            }
            out.println();
        }
    }

    /**
     * Writes each method's combined sweep as CSV and the side-by-side heat maps as PNG.
     *
     * @param results   the methods' numbers.
     * @param directory where to write ({@code sweep_<method>.csv}, {@code plots/robustness.png}).
     * @param title     the figure's title.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final List<MethodResult> results, final Path directory, final String title)
        throws IOException {
        Files.createDirectories(directory.resolve("plots"));
        final List<Labelled<SweepResult>> maps = new ArrayList<>();
        for (final MethodResult result : results) {
            result.sweep().writeCsv(directory.resolve("sweep_" + result.method() + ".csv"));
            maps.add(new Labelled<>(result.method(), result.sweep()));
        }
        Plots.robustnessHeatMaps(directory.resolve("plots").resolve("robustness.png"), title, maps,
            420 * results.size() + 160, 480);
    }

    private EvaluationResult evaluate(final GaussianPolicy policy, final DisturbanceMode disturbance) {
        return new Evaluator(Tasks.create(template.task(), template.rarl().adversaryBoundN()), actions(policy),
            disturbance).evaluate(episodes, seed);
    }

    private static ActionFunction actions(final GaussianPolicy policy) {
        return policy.replica(1)::deterministic;
    }
}
