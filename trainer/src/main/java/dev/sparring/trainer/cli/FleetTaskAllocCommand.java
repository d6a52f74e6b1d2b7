package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.Verbosity;
import dev.sparring.trainer.colearn.taskalloc.MethodOutcome;
import dev.sparring.trainer.colearn.taskalloc.NetworkConfig;
import dev.sparring.trainer.colearn.taskalloc.RunSettings;
import dev.sparring.trainer.colearn.taskalloc.Sharing;
import dev.sparring.trainer.colearn.taskalloc.StudySummary;
import dev.sparring.trainer.colearn.taskalloc.TaskAllocationStudy;
import dev.sparring.trainer.run.ProgressBar;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet taskalloc}: the paper's own comparison on its distributed task-allocation network:
 * independent Q-learners against sharing with everyone, random partners and Dynamic Co-Learning, for each number of
 * supervisors, over seeds; writes per-seed curves and relative AUCs, a markdown summary and plots, and resumes a
 * study left unfinished in the same directory.
 */
@Command(name = "taskalloc", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Dynamic Co-Learning on the paper's task-allocation network against independent learners, "
        + "sharing with everyone and random partners: relative AUC per seed, summary with tests, plots.")
final class FleetTaskAllocCommand implements Callable<Integer> {
    private static final int MAX_AGENTS = 10_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--agents", paramLabel = "<count>",
        defaultValue = "100", description = "Agents on a square grid: 100, 324, 729, ... "
        + "(default ${DEFAULT-VALUE}).")
    private int agents;

    @Option(names = "--supervisors", paramLabel = "<S>",
        split = ",", defaultValue = "1,4,9", description = "Numbers of supervisors S, "
        + "each owning a fixed block of agents (default ${DEFAULT-VALUE}).")
    private List<Integer> supervisors;

    @Option(names = "--window", paramLabel = "<K-time-units>",
        defaultValue = "115", description = "K: time units per sharing window (default "
        + "${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--time", paramLabel = "<time-units>",
        defaultValue = "10000", description = "Time units per run (default ${DEFAULT-VALUE}).")
    private int time;

    @Option(names = "--seeds", paramLabel = "<seeds>",
        defaultValue = "0-9", description = "Seeds: a range 0-9 and/or a list 0,3,7 "
        + "(default ${DEFAULT-VALUE}).")
    private String seeds;

    @Option(names = "--sharing", paramLabel = "<mode>",
        split = ",", defaultValue = "none,all,random,colearn", description = "Methods: "
        + "none (independent, always run), all, random, colearn (default ${DEFAULT-VALUE}).")
    private List<String> sharing;

    @Option(names = "--temperature", paramLabel = "<T>",
        defaultValue = "1", description = "T: partner draws per agent per window in "
        + "Dynamic Co-Learning (default ${DEFAULT-VALUE}).")
    private int temperature;

    @Option(names = "--tau", paramLabel = "<time-units>",
        defaultValue = "2.0", description = "Softmax exploration temperature of the "
        + "Q-learners, in time units (default ${DEFAULT-VALUE}).")
    private double tau;

    @Option(names = "--out", paramLabel = "<dir>",
        description = "Study directory (default runs/taskalloc-<agents>); an unfinished "
        + "study there resumes.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        final int side = (int) Math.round(Math.sqrt(agents));
        OptionChecks.require(spec, agents >= 4 && agents <= MAX_AGENTS && side * side == agents,
            "--agents must be a square number in [4, " + MAX_AGENTS + "] (100, 324, 729, ...), was " + agents);
        OptionChecks.inRange(spec, "--window", window, 1, 1_000_000);
        OptionChecks.inRange(spec, "--time", time, window, 10_000_000);
        OptionChecks.inRange(spec, "--temperature", temperature, 1, 1_000);
        OptionChecks.inRange(spec, "--tau", tau, 1e-3, 1e6);
        for (final int s : supervisors) {
            OptionChecks.inRange(spec, "--supervisors", s, 1, agents);
        }
        final List<Long> seedList = parseSeeds();
        final List<Sharing> sharings = new ArrayList<>();
        for (final String text : sharing) {
            try {
                sharings.add(Sharing.parse(text));
            } catch (final IllegalArgumentException e) {
                OptionChecks.require(spec, false, "--sharing: " + e.getMessage());
            }
        }
        OptionChecks.require(spec, !sharings.contains(Sharing.RANDOM) || sharings.contains(Sharing.COLEARN),
            "--sharing random takes as many partners as colearn chose: add colearn");
        final RunSettings settings = RunSettings.PAPER.withTime(time, window).withTemperatures(temperature, tau);
        final TaskAllocationStudy.Plan plan = new TaskAllocationStudy.Plan(NetworkConfig.heterogeneous(agents),
            settings, List.copyOf(new LinkedHashSet<>(supervisors)), sharings, seedList);
        final Path directory = out != null ? out : Path.of("runs", "taskalloc-" + agents);
        final PrintWriter console = spec.commandLine().getOut();
        final ProgressBar bar = new ProgressBar(Verbosity.of(spec).progress(console), System::nanoTime,
            System.console() != null, 1_000_000_000L,
            "taskalloc " + agents + " agents", 0);
        final long startNs = System.nanoTime();
        final long[] last = new long[3];
        final Map<Long, Map<String, MethodOutcome>> outcomes = TaskAllocationStudy.run(plan, directory,
            (runs, units, total) -> {
                last[0] = runs;
                last[1] = units;
                last[2] = total;
                bar.update(runs, units, total, Double.NaN);
            });
        bar.finish(last[0], last[1], last[2], Double.NaN);
        final String title = String.format(Locale.ROOT, "%d agents, %d time units, K = %d, T = %d, τ = %s", agents,
            time, window, temperature, tau);
        console.print(StudySummary.write(plan, outcomes, directory, title));
        console.printf(Locale.ROOT, "wrote %s (summary.md, summary.csv, seeds/, plots) in %.1f s%n", directory,
            (System.nanoTime() - startNs) / 1e9);
        return 0;
    }

    private List<Long> parseSeeds() {
        final LinkedHashSet<Long> list = new LinkedHashSet<>();
        for (final String part : seeds.split(",")) {
            final String item = part.trim();
            try {
                final int dash = item.indexOf('-', 1);
                if (dash > 0) {
                    final long from = Long.parseLong(item.substring(0, dash).trim());
                    final long to = Long.parseLong(item.substring(dash + 1).trim());
                    OptionChecks.require(spec, from <= to && to - from < 100_000, "--seeds range '" + item
                        + "' must run upwards over fewer than 100000 seeds");
                    for (long seed = from; seed <= to; seed++) {
                        list.add(seed);
                    }
                } else {
                    list.add(Long.parseLong(item));
                }
            } catch (final NumberFormatException e) {
                OptionChecks.require(spec, false, "--seeds must be a range like 0-9 or a list like 0,3,7, was '"
                    + seeds + "'");
            }
        }
        return List.copyOf(list);
    }
}
