package dev.sparring.trainer.run;

import dev.sparring.hal.plant.Plant;
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
import dev.sparring.trainer.eval.Statistics;
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
 * test-time parameter changes (a 2-D grid) under each of those disturbances, combined over seeds and plotted as
 * side-by-side heat maps. Every number is a mean ± standard deviation over seeds of each seed's mean over episodes.
 *
 * @param template       the task, force bound and the optimizer settings a fresh adversary trains with.
 * @param axisA          the sweep's first axis.
 * @param axisB          the sweep's second axis.
 * @param episodes       episodes per evaluation and per sweep cell.
 * @param adversarySteps the fresh adversary's step budget (0 skips that condition).
 * @param threads        sweep threads.
 * @param seed           the seed of episode draws, shared by all methods so they face the same starts and forces.
 * @param sweepUnder     the disturbances the parameter sweep runs under (at least one).
 */
public record RobustnessStudy(TrainingConfig template, ParameterAxis axisA, ParameterAxis axisB, int episodes,
    long adversarySteps, int threads, long seed, List<Disturbance> sweepUnder) {

    private static final String NOMINAL = "nominal";
    private static final String RANDOM = "random forces";
    private static final String ADVERSARY = "trained adversary";

    /** What acts on the adversary channel during a sweep. */
    public enum Disturbance {
        /** No force. */
        NONE("no force"),
        /** Random forces up to the bound, redrawn every step. */
        RANDOM("random forces"),
        /** The adversary trained afresh against each protagonist. */
        ADVERSARY("trained adversary");

        private final String label;

        Disturbance(final String label) {
            this.label = label;
        }

        /**
         * @return the condition's name in tables: {@code "sweep, <label>"}.
         */
        public String condition() {
            return "sweep, " + label;
        }
    }

    /** Validates the fields, and the axes on the task's plant, so that an unknown parameter fails before any work. */
    public RobustnessStudy {
        final Plant plant = Tasks.create(template.task(), template.rarl().adversaryBoundN()).plant();
        axisA.resolve(plant);
        axisB.resolve(plant);
        if (sweepUnder.isEmpty()) {
            throw new IllegalArgumentException("the sweep needs at least one disturbance to run under");
        }
        if (sweepUnder.contains(Disturbance.ADVERSARY) && adversarySteps <= 0) {
            throw new IllegalArgumentException("a sweep under a trained adversary needs adversary steps > 0");
        }
        sweepUnder = List.copyOf(sweepUnder);
    }

    /**
     * @return the evaluation conditions, in table order: nominal, random forces, trained adversary (unless
     *         {@code adversarySteps} is 0), then one per sweep disturbance (the grid's mean).
     */
    public List<String> conditions() {
        final List<String> conditions = new ArrayList<>(List.of(NOMINAL, RANDOM));
        if (adversarySteps > 0) {
            conditions.add(ADVERSARY);
        }
        for (final Disturbance disturbance : sweepUnder) {
            conditions.add(disturbance.condition());
        }
        return conditions;
    }


    /**
     * One method's numbers: per condition, one value per seed.
     *
     * @param method  the method's name.
     * @param perSeed per condition, the seeds' mean returns, in table order.
     * @param sweeps  per sweep disturbance, the sweep combined over seeds.
     */
    public record MethodResult(String method, Map<String, double[]> perSeed, Map<Disturbance, SweepResult> sweeps) {
        /**
         * @param condition a condition from {@link #conditions()}.
         * @return the mean over seeds.
         */
        public double mean(final String condition) {
            return Statistics.mean(perSeed.get(condition));
        }

        /**
         * @param condition a condition from {@link #conditions()}.
         * @return the population standard deviation over seeds.
         */
        public double std(final String condition) {
            return Statistics.std(perSeed.get(condition));
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
        for (final Map.Entry<String, List<GaussianPolicy>> method : protagonists.entrySet()) {
            final List<GaussianPolicy> seeds = method.getValue();
            final Map<String, double[]> perSeed = new LinkedHashMap<>();
            for (final String condition : conditions()) {
                perSeed.put(condition, new double[seeds.size()]);
            }
            final Map<Disturbance, List<SweepResult>> sweeps = new LinkedHashMap<>();
            for (int s = 0; s < seeds.size(); s++) {
                final GaussianPolicy policy = seeds.get(s);
                perSeed.get(NOMINAL)[s] = evaluate(policy, DisturbanceMode.none()).meanReturn();
                perSeed.get(RANDOM)[s] = evaluate(policy, DisturbanceMode.random(1.0)).meanReturn();
                final GaussianPolicy adversary = adversarySteps > 0
                    ? AdversaryTraining.train(template, policy, adversarySteps, seed + s) : null;
                if (adversary != null) {
                    perSeed.get(ADVERSARY)[s] = evaluate(policy, DisturbanceMode.adversary(() -> actions(adversary)))
                        .meanReturn();
                }
                for (final Disturbance disturbance : sweepUnder) {
                    final SweepResult sweep = RobustnessSweep.grid(axisA, axisB, episodes, seed)
                        .run(() -> Tasks.create(template.task(), template.rarl().adversaryBoundN()),
                            () -> actions(policy), mode(disturbance, adversary), threads);
                    sweeps.computeIfAbsent(disturbance, d -> new ArrayList<>()).add(sweep);
                    perSeed.get(disturbance.condition())[s] = sweep.overallMeanReturn();
                }
            }
            final Map<Disturbance, SweepResult> combined = new LinkedHashMap<>();
            sweeps.forEach((disturbance, list) -> combined.put(disturbance, SweepResult.acrossPolicies(list)));
            results.add(new MethodResult(method.getKey(), perSeed, combined));
        }
        return results;
    }

    private static DisturbanceMode mode(final Disturbance disturbance, final GaussianPolicy adversary) {
        return switch (disturbance) {
            case NONE -> DisturbanceMode.none();
            case RANDOM -> DisturbanceMode.random(1.0);
            case ADVERSARY -> DisturbanceMode.adversary(() -> actions(adversary));
        };
    }

    /**
     * Prints the comparison table: per condition, each method's mean ± std over seeds (the mean alone for a single
     * seed) and, for two methods, Welch's t for the second's mean minus the first's with its degrees of freedom
     * ({@code n/a} unless both have at least two seeds).
     *
     * @param results the methods' numbers.
     * @param out     where to print.
     */
    public static void print(final List<MethodResult> results, final PrintWriter out) {
        final boolean pair = results.size() == 2;
        out.printf(Locale.ROOT, "%-28s", "mean return");
        for (final MethodResult result : results) {
            final int seeds = result.perSeed().get(NOMINAL).length;
            out.printf(Locale.ROOT, "%24s", result.method() + " (" + seeds + (seeds == 1 ? " seed)" : " seeds)"));
        }
        if (pair) {
            out.printf(Locale.ROOT, "   Welch's t (%s − %s)", results.getLast().method(), results.getFirst().method());
        }
        out.println();
        for (final String condition : results.getFirst().perSeed().keySet()) {
            out.printf(Locale.ROOT, "%-28s", condition);
            for (final MethodResult result : results) {
                out.printf(Locale.ROOT, "%24s", Statistics.formatMeanStd(result.mean(condition), result.std(condition),
                    result.perSeed().get(condition).length));
            }
            if (pair) {
                final double[] first = results.getFirst().perSeed().get(condition);
                final double[] second = results.getLast().perSeed().get(condition);
                final double t = Statistics.welchT(first, second);
                out.print(Double.isNaN(t) ? "   n/a" : String.format(Locale.ROOT, "   %+.2f (df %.1f)", t,
                    Statistics.welchDegreesOfFreedom(first, second)));
            }
            out.println();
        }
    }

    /**
     * Writes each method's combined sweeps as CSV and, per disturbance, the side-by-side heat maps as PNG.
     *
     * @param results   the methods' numbers.
     * @param directory where to write ({@code sweep_<method>_<disturbance>.csv},
     *                  {@code plots/robustness_<disturbance>.png}).
     * @param title     the figures' title; the disturbance is appended.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final List<MethodResult> results, final Path directory, final String title)
        throws IOException {
        Files.createDirectories(directory.resolve("plots"));
        for (final Disturbance disturbance : results.getFirst().sweeps().keySet()) {
            final String name = disturbance.name().toLowerCase(Locale.ROOT);
            final List<Labelled<SweepResult>> maps = new ArrayList<>();
            for (final MethodResult result : results) {
                final SweepResult sweep = result.sweeps().get(disturbance);
                sweep.writeCsv(directory.resolve("sweep_" + result.method() + "_" + name + ".csv"));
                maps.add(new Labelled<>(result.method(), sweep));
            }
            Plots.robustnessHeatMaps(directory.resolve("plots").resolve("robustness_" + name + ".png"),
                title + ", " + disturbance.label, maps, 420 * results.size() + 160, 480);
        }
    }

    private EvaluationResult evaluate(final GaussianPolicy policy, final DisturbanceMode disturbance) {
        return new Evaluator(Tasks.create(template.task(), template.rarl().adversaryBoundN()), actions(policy),
            disturbance).evaluate(episodes, seed);
    }

    private static ActionFunction actions(final GaussianPolicy policy) {
        return policy.replica(1)::deterministic;
    }
}
