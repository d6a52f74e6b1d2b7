package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.trainer.colearn.RelativeAuc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison over seeds: on every seed, independent learners and each requested sharing rule with each number
 * of supervisors, on the same network and the same tasks; then each method's relative AUC against independent
 * learners on that seed. Random partners run after Dynamic Co-Learning with the same {@code S}, taking as many
 * partners on average as it did on that seed. Each finished seed is written at once
 * ({@code seeds/seed-N-curves.csv}, {@code seeds/seed-N-runs.csv}); a study restarted in the same directory reads
 * the seeds it finds and runs only the rest.
 */
public final class TaskAllocationStudy {
    /** The file that records the study's plan, checked when a study resumes. */
    public static final String PLAN_FILE = "study.txt";
    private static final String RUNS_HEADER = "method,sharing,supervisors,relative_auc,plain_relative_auc,area,"
        + "final_service_time,mean_partners,supervisor_ms_per_window,replay_ms_per_window,wall_s,arrived,completed,"
        + "same_type_share";
    /** The header before the same-type share was recorded; such files still resume (the share reads as NaN). */
    private static final String RUNS_HEADER_V1 = RUNS_HEADER.substring(0, RUNS_HEADER.lastIndexOf(','));

    private TaskAllocationStudy() {
    }

    /**
     * What to run.
     *
     * @param network     the network.
     * @param settings    learning and windows ({@code supervisors} is replaced per method).
     * @param supervisors the values of {@code S}.
     * @param sharings    the sharing rules besides independent learners (which always run).
     * @param seeds       the seeds.
     */
    public record Plan(NetworkConfig network, RunSettings settings, List<Integer> supervisors, List<Sharing> sharings,
        List<Long> seeds) {
        /**
         * Copies the lists and checks that random partners come with Dynamic Co-Learning (they copy its count).
         */
        public Plan {
            supervisors = List.copyOf(supervisors);
            sharings = List.copyOf(sharings);
            seeds = List.copyOf(seeds);
            if (sharings.contains(Sharing.RANDOM) && !sharings.contains(Sharing.COLEARN)) {
                throw new IllegalArgumentException("random sharing takes as many partners as colearn chose: add "
                    + "colearn");
            }
        }

        /**
         * @return the methods in run order: independent, then per {@code S} all, colearn, random (as requested).
         */
        public List<StudyMethod> methods() {
            final List<StudyMethod> methods = new ArrayList<>();
            methods.add(StudyMethod.INDEPENDENT);
            for (final int s : supervisors) {
                for (final Sharing sharing : List.of(Sharing.ALL, Sharing.COLEARN, Sharing.RANDOM)) {
                    if (sharings.contains(sharing)) {
                        methods.add(new StudyMethod(sharing, s));
                    }
                }
            }
            return methods;
        }

        /**
         * @return the plan as text, one setting a line, without the seeds (a resumed study may add seeds).
         */
        public String describe() {
            final StringBuilder text = new StringBuilder();
            text.append("agents=").append(network.agents()).append('\n');
            text.append("network=").append(network).append('\n');
            text.append("settings=").append(settings.withSupervisors(1)).append('\n');
            text.append("methods=");
            for (final StudyMethod method : methods()) {
                text.append(method.label()).append(' ');
            }
            return text.toString().strip() + '\n';
        }
    }

    /**
     * Told how far the study is.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param runsDone  runs finished (or read back).
         * @param unitsDone time units simulated so far, over all runs.
         * @param unitsTotal time units of the whole study.
         */
        void update(long runsDone, long unitsDone, long unitsTotal);
    }

    /**
     * Runs (or resumes) the study.
     *
     * @param plan      what to run.
     * @param directory where the per-seed files go.
     * @param progress  told after every bucket of every run.
     * @return per seed, per method label, the outcome.
     * @throws IOException when a file cannot be written or read.
     */
    public static Map<Long, Map<String, MethodOutcome>> run(final Plan plan, final Path directory,
        final Progress progress) throws IOException {
        Files.createDirectories(directory.resolve("seeds"));
        final Path planFile = directory.resolve(PLAN_FILE);
        final String describe = plan.describe();
        if (Files.exists(planFile)) {
            final String stored = Files.readString(planFile, StandardCharsets.UTF_8);
            if (!stored.equals(describe)) {
                throw new ConfigException(directory + " holds a different study (" + planFile + "); give another "
                    + "--out or the same options");
            }
        } else {
            AtomicFiles.write(planFile, describe.getBytes(StandardCharsets.UTF_8));
        }
        final List<StudyMethod> methods = plan.methods();
        final long unitsPerRun = plan.settings().timeUnits();
        final long unitsTotal = unitsPerRun * methods.size() * plan.seeds().size();
        final Map<Long, Map<String, MethodOutcome>> outcomes = new LinkedHashMap<>();
        final long[] runsDone = {0};
        for (final long seed : plan.seeds()) {
            final Path curvesFile = directory.resolve("seeds").resolve("seed-" + seed + "-curves.csv");
            final Path runsFile = directory.resolve("seeds").resolve("seed-" + seed + "-runs.csv");
            if (Files.exists(curvesFile) && Files.exists(runsFile)) {
                outcomes.put(seed, read(curvesFile, runsFile));
                runsDone[0] += methods.size();
                progress.update(runsDone[0], runsDone[0] * unitsPerRun, unitsTotal);
                continue;
            }
            final Map<String, RunResult> results = new LinkedHashMap<>();
            for (final StudyMethod method : methods) {
                final long unitsBefore = runsDone[0] * unitsPerRun;
                final PartnerPlanner planner = switch (method.sharing()) {
                    case NONE -> null;
                    case ALL -> PartnerPlanner.everyone();
                    case COLEARN -> new ColearnPlanner(plan.settings().partnerTemperature());
                    case RANDOM -> PartnerPlanner.random(results.get(new StudyMethod(Sharing.COLEARN,
                        method.supervisors()).label()).meanPartners());
                };
                final RunSettings settings = plan.settings().withSupervisors(Math.max(1, method.supervisors()));
                results.put(method.label(), TaskAllocationRun.run(plan.network(), settings, planner, seed,
                    done -> progress.update(runsDone[0], unitsBefore + done, unitsTotal)));
                runsDone[0]++;
                progress.update(runsDone[0], runsDone[0] * unitsPerRun, unitsTotal);
            }
            final Map<String, MethodOutcome> seedOutcomes = outcomes(methods, results);
            write(plan.settings(), seedOutcomes, curvesFile, runsFile);
            outcomes.put(seed, seedOutcomes);
        }
        return outcomes;
    }

    /** Areas against the seed's reference: the best final level of the methods compared. */
    private static Map<String, MethodOutcome> outcomes(final List<StudyMethod> methods,
        final Map<String, RunResult> results) {
        final double[][] curves = new double[methods.size()][];
        for (int m = 0; m < methods.size(); m++) {
            curves[m] = results.get(methods.get(m).label()).serviceTime();
        }
        final double reference = RelativeAuc.reference(curves);
        final double[] independent = results.get(StudyMethod.INDEPENDENT.label()).serviceTime();
        final Map<String, MethodOutcome> outcomes = new LinkedHashMap<>();
        for (final StudyMethod method : methods) {
            final RunResult result = results.get(method.label());
            final double[] curve = result.serviceTime();
            outcomes.put(method.label(), new MethodOutcome(method, curve,
                RelativeAuc.relative(curve, independent, reference), RelativeAuc.relative(curve, independent, 0.0),
                RelativeAuc.area(curve, reference), RelativeAuc.finalLevel(curve), result.meanPartners(),
                result.sameTypeShare(),
                result.supervisorNsPerWindow() / 1e6, result.replayNsPerWindow() / 1e6, result.wallNs() / 1e9,
                result.arrived(), result.completed()));
        }
        return outcomes;
    }

    private static void write(final RunSettings settings, final Map<String, MethodOutcome> outcomes,
        final Path curvesFile, final Path runsFile) throws IOException {
        final StringBuilder curves = new StringBuilder("time");
        for (final String label : outcomes.keySet()) {
            curves.append(',').append(label);
        }
        curves.append('\n');
        final int buckets = settings.buckets();
        for (int b = 0; b < buckets; b++) {
            curves.append(Math.min((long) (b + 1) * settings.bucket(), settings.timeUnits()));
            for (final MethodOutcome outcome : outcomes.values()) {
                curves.append(',').append(CsvNumbers.format(outcome.curve()[b]));
            }
            curves.append('\n');
        }
        final StringBuilder runs = new StringBuilder(RUNS_HEADER).append('\n');
        for (final MethodOutcome o : outcomes.values()) {
            runs.append(String.join(",", o.method().label(), o.method().sharing().label(),
                Integer.toString(o.method().supervisors()), CsvNumbers.format(o.relativeAuc()),
                CsvNumbers.format(o.plainRelativeAuc()), CsvNumbers.format(o.area()), CsvNumbers.format(o.finalLevel()),
                CsvNumbers.format(o.meanPartners()), CsvNumbers.format(o.supervisorMsPerWindow()),
                CsvNumbers.format(o.replayMsPerWindow()), CsvNumbers.format(o.wallS()), Long.toString(o.arrived()),
                Long.toString(o.completed()), CsvNumbers.format(o.sameTypeShare()))).append('\n');
        }
        AtomicFiles.write(curvesFile, curves.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(runsFile, runs.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, MethodOutcome> read(final Path curvesFile, final Path runsFile) throws IOException {
        final List<String> curveLines = Files.readAllLines(curvesFile, StandardCharsets.UTF_8);
        final String[] labels = curveLines.getFirst().split(",");
        final double[][] curves = new double[labels.length][curveLines.size() - 1];
        for (int row = 1; row < curveLines.size(); row++) {
            final String[] cells = curveLines.get(row).split(",");
            for (int c = 1; c < labels.length; c++) {
                curves[c][row - 1] = Double.parseDouble(cells[c]);
            }
        }
        final Map<String, double[]> curveOf = new LinkedHashMap<>();
        for (int c = 1; c < labels.length; c++) {
            curveOf.put(labels[c], curves[c]);
        }
        final List<String> runLines = Files.readAllLines(runsFile, StandardCharsets.UTF_8);
        if (!runLines.getFirst().equals(RUNS_HEADER) && !runLines.getFirst().equals(RUNS_HEADER_V1)) {
            throw new ConfigException(runsFile + " does not start with the header " + RUNS_HEADER);
        }
        final Map<String, MethodOutcome> outcomes = new LinkedHashMap<>();
        for (int row = 1; row < runLines.size(); row++) {
            final String[] c = runLines.get(row).split(",");
            final double[] curve = curveOf.get(c[0]);
            if (curve == null) {
                throw new ConfigException(curvesFile + " has no curve of " + c[0]);
            }
            outcomes.put(c[0], new MethodOutcome(StudyMethod.parse(c[0]), curve, Double.parseDouble(c[3]),
                Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]), Double.parseDouble(c[7]),
                c.length > 13 ? Double.parseDouble(c[13]) : Double.NaN, Double.parseDouble(c[8]),
                Double.parseDouble(c[9]), Double.parseDouble(c[10]), Long.parseLong(c[11]), Long.parseLong(c[12])));
        }
        return outcomes;
    }
}
