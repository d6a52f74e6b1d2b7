package dev.sparring.trainer.run;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.Env;
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
import dev.sparring.trainer.eval.WelchTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares methods' protagonists (several seeds each) for robustness: the mean return at nominal parameters with no
 * disturbance, with random forces and against an adversary trained afresh against each protagonist; and a sweep of
 * test-time parameter changes (a 2-D grid) under each of those disturbances, combined over seeds and plotted as
 * side-by-side heat maps. Every number is a mean ± standard deviation over seeds of each seed's mean over episodes.
 * Every environment it makes (per evaluation, per sweep thread, per fresh adversary's training) is closed when that
 * evaluation ends, so the native memory of a MuJoCo task's plants does not grow with the number of policies.
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

    /** The file {@link #write} puts each method's per-seed returns in, one row per method, policy and condition. */
    public static final String RETURNS_FILE = "returns_per_seed.csv";
    /** Its header; a condition containing a comma is quoted. */
    public static final String RETURNS_HEADER = "method,policy_index,condition,mean_return";
    private static final String SWEEP_PREFIX = "sweep_";
    private static final String CSV_SUFFIX = ".csv";
    private static final long MAX_RETURNS_BYTES = 1L << 24;
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
        try (Env env = Tasks.create(template.task(), template.rarl().adversaryBoundN())) {
            axisA.resolve(env.plant());
            axisB.resolve(env.plant());
        }
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
     * Prints the comparison table: per condition, each method's mean ± std over seeds (with one seed its value and
     * "(1 seed)", since one seed has no spread to report; "not evaluated" for a skipped condition) and, for two
     * methods, Welch's t for the second's mean minus the first's with its degrees of freedom and two-sided p-value
     * ({@code n/a} unless both have at least two seeds and some spread).
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
                final double[] seeds = result.perSeed().get(condition);
                out.printf(Locale.ROOT, "%24s", Double.isNaN(Statistics.mean(seeds)) ? "not evaluated"
                    : Statistics.meanAndSpread(seeds));
            }
            if (pair) {
                out.print(welchColumn(results.getFirst().perSeed().get(condition),
                    results.getLast().perSeed().get(condition)));
            }
            out.println();
        }
    }

    private static String welchColumn(final double[] first, final double[] second) {
        if (first.length < 2 || second.length < 2 || Double.isNaN(Statistics.mean(first))
            || Double.isNaN(Statistics.mean(second))) {
            return "   n/a";
        }
        final WelchTest test = WelchTest.compare(first, second);
        return test.defined() ? String.format(Locale.ROOT, "   %+.2f (df %.1f, p %.3f)", test.t(), test.df(), test.p())
            : "   n/a";
    }

    /**
     * Writes each method's per-seed returns ({@link #RETURNS_FILE}: the numbers behind the printed table, for
     * {@code report}'s tests), its combined sweeps as CSV and, per disturbance, the side-by-side heat maps as PNG.
     *
     * @param results   the methods' numbers.
     * @param directory where to write ({@link #RETURNS_FILE}, {@code sweep_<method>_<disturbance>.csv},
     *                  {@code plots/robustness_<disturbance>.png}).
     * @param title     the figures' title; the disturbance is appended.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final List<MethodResult> results, final Path directory, final String title)
        throws IOException {
        Files.createDirectories(directory.resolve("plots"));
        final StringBuilder returns = new StringBuilder(RETURNS_HEADER).append('\n');
        for (final MethodResult result : results) {
            result.perSeed().forEach((condition, values) -> {
                for (int k = 0; k < values.length; k++) {
                    returns.append(result.method()).append(',').append(k).append(',').append(quoted(condition))
                        .append(',').append(CsvNumbers.format(values[k])).append('\n');
                }
            });
        }
        AtomicFiles.write(directory.resolve(RETURNS_FILE), returns.toString().getBytes(StandardCharsets.UTF_8));
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

    /**
     * Reads what {@link #write} wrote into a directory: the per-seed returns and the combined sweeps per method. A
     * directory written before {@link #RETURNS_FILE} existed reads with empty per-seed maps.
     *
     * @param directory an evaluation's output directory.
     * @return per method (in the order written; from sweeps alone, sorted by name), its numbers; empty when the
     *         directory holds neither file.
     * @throws IOException naming the file when one cannot be read or is malformed.
     */
    public static List<MethodResult> read(final Path directory) throws IOException {
        final Map<String, Map<String, double[]>> perSeed = readReturns(directory.resolve(RETURNS_FILE));
        final Map<String, Map<Disturbance, SweepResult>> sweeps = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (final Path file : files.sorted().toList()) {
                final String name = file.getFileName().toString();
                for (final Disturbance disturbance : Disturbance.values()) {
                    final String suffix = "_" + disturbance.name().toLowerCase(Locale.ROOT) + CSV_SUFFIX;
                    if (name.startsWith(SWEEP_PREFIX) && name.endsWith(suffix)
                        && name.length() > SWEEP_PREFIX.length() + suffix.length()) {
                        final String method = name.substring(SWEEP_PREFIX.length(), name.length() - suffix.length());
                        sweeps.computeIfAbsent(method, m -> new EnumMap<>(Disturbance.class))
                            .put(disturbance, SweepResult.readCsv(file));
                    }
                }
            }
        }
        final Set<String> methods = new LinkedHashSet<>(perSeed.keySet());
        methods.addAll(sweeps.keySet());
        final List<MethodResult> results = new ArrayList<>();
        for (final String method : methods) {
            results.add(new MethodResult(method, perSeed.getOrDefault(method, Map.of()),
                sweeps.getOrDefault(method, Map.of())));
        }
        return results;
    }

    private static Map<String, Map<String, double[]>> readReturns(final Path file) throws IOException {
        final Map<String, Map<String, double[]>> returns = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return returns;
        }
        final List<String> lines = BoundedFiles.readUtf8(file, MAX_RETURNS_BYTES, "per-seed returns").lines()
            .filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().equals(RETURNS_HEADER)) {
            throw new FileSystemException(file.toString(), null, "does not start with '" + RETURNS_HEADER + "'; it "
                + "is not a per-seed returns file written by eval");
        }
        final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (int row = 1; row < lines.size(); row++) {
            final String line = lines.get(row);
            final int first = line.indexOf(',');
            final int second = first < 0 ? -1 : line.indexOf(',', first + 1);
            final int last = line.lastIndexOf(',');
            if (second < 0 || last <= second) {
                throw new FileSystemException(file.toString(), null, "line " + (row + 1) + " is not "
                    + "'method,policy_index,condition,mean_return': '" + line + "'");
            }
            final String method = line.substring(0, first);
            final String condition = unquoted(line.substring(second + 1, last));
            final List<Double> seeds = values.computeIfAbsent(method, m -> new LinkedHashMap<>())
                .computeIfAbsent(condition, c -> new ArrayList<>());
            try {
                final int index = Integer.parseInt(line.substring(first + 1, second));
                if (index != seeds.size()) {
                    throw new FileSystemException(file.toString(), null, "line " + (row + 1) + ": policy_index "
                        + index + " of " + method + " / " + condition + " should be " + seeds.size()
                        + " (indices count up from 0)");
                }
                seeds.add(Double.parseDouble(line.substring(last + 1)));
            } catch (final NumberFormatException e) {
                throw (FileSystemException) new FileSystemException(file.toString(), null, "line " + (row + 1)
                    + " has a malformed number: " + e.getMessage()).initCause(e);
            }
        }
        values.forEach((method, conditions) -> {
            final Map<String, double[]> arrays = new LinkedHashMap<>();
            conditions.forEach((condition, list) -> arrays.put(condition,
                list.stream().mapToDouble(Double::doubleValue).toArray()));
            returns.put(method, arrays);
        });
        return returns;
    }

    private static String quoted(final String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static String unquoted(final String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
            ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }

    private EvaluationResult evaluate(final GaussianPolicy policy, final DisturbanceMode disturbance) {
        try (Env env = Tasks.create(template.task(), template.rarl().adversaryBoundN())) {
            return new Evaluator(env, actions(policy), disturbance).evaluate(episodes, seed);
        }
    }

    private static ActionFunction actions(final GaussianPolicy policy) {
        return policy.replica(1)::deterministic;
    }
}
