package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.TrainingConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring eval}: robustness of policy files — nominal, random forces, a freshly trained adversary, and a
 * sweep of test-time parameter changes — per method, mean ± std over the given seeds' policies, with CSV and PNG.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluate policies for robustness: nominal, random forces, a freshly trained adversary, and a "
        + "2-D parameter sweep under each of them (CSV + heat-map PNG).")
final class EvalCommand implements Callable<Integer> {
    /** Most points per sweep axis: the grid has the square of it. */
    private static final int MAX_POINTS = 101;

    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", paramLabel = "<[method=]file.policy>",
        description = "A policy file, as [method=]FILE; repeat a method for its seeds.")
    private List<String> policies = new ArrayList<>();

    @Option(names = "--run", paramLabel = "<run-dir>",
        description = "An experiment directory from 'train': every method's seeds.")
    private Path run;

    @Option(names = "--env", paramLabel = "<task>", description = "The task (default: from the policies' metadata).")
    private String task;

    @Option(names = "--sweep", paramLabel = "<axis>", split = ",", defaultValue = "mass,friction",
        description = "Two axes: mass, friction or plant parameter names (default ${DEFAULT-VALUE}).")
    private List<String> sweep;

    @Option(names = "--points", paramLabel = "<count>",
        defaultValue = "11", description = "Points per axis (default ${DEFAULT-VALUE}).")
    private int points;

    @Option(names = "--range", paramLabel = "<multiplier>", split = ",", defaultValue = "0.5,1.5",
        description = "Multiplier range of each axis (default ${DEFAULT-VALUE}).")
    private double[] range;

    @Option(names = "--episodes", paramLabel = "<count>",
        defaultValue = "5", description = "Episodes per evaluation and sweep cell "
        + "(default ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--adversary-steps", paramLabel = "<steps>", defaultValue = "50000",
        description = "Steps to train a fresh adversary against each policy; 0 skips it (default ${DEFAULT-VALUE}).")
    private long adversarySteps;

    @Option(names = "--adv-fraction", paramLabel = "<fraction>",
        description = "Adversary strength for random forces and the fresh adversary "
        + "(default 0.25).")
    private Double advFraction;

    @Option(names = "--sweep-under", paramLabel = "<kind>", split = ",", defaultValue = "none,random,adversary",
        description = "Disturbances the sweep runs under: none, random, adversary (default ${DEFAULT-VALUE}).")
    private List<RobustnessStudy.Disturbance> sweepUnder;

    @Option(names = "--seed", paramLabel = "<seed>",
        defaultValue = "1000", description = "Seed of the evaluation episodes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "<dir>",
        description = "Where to write CSV and plots (default: the experiment directory or "
        + "runs/eval).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if ((run == null) == policies.isEmpty()) {
            throw new ConfigException("give either --run DIR or one or more --policy [method=]FILE");
        }
        OptionChecks.require(spec, sweep.size() == 2, "--sweep needs two axes, was " + sweep);
        OptionChecks.require(spec, range.length == 2 && range[0] > 0 && range[0] < range[1]
            && range[1] < Double.POSITIVE_INFINITY, "--range needs two multipliers 0 < low < high, was "
                + Arrays.toString(range));
        OptionChecks.inRange(spec, "--points", points, 2, MAX_POINTS);
        OptionChecks.inRange(spec, "--episodes", episodes, 1, Integer.MAX_VALUE);
        OptionChecks.inRange(spec, "--adversary-steps", adversarySteps, 0, Long.MAX_VALUE);
        final Map<String, List<Path>> files = run != null ? PolicySets.fromExperiment(run)
            : PolicySets.fromArguments(policies);
        final String evalTask = PolicySets.canonicalTask(task != null ? task
            : PolicySets.taskOf(files.values().iterator().next().getFirst()));
        final RobustnessStudy study;
        try {
            TrainingConfig template = TrainingConfig.defaults(evalTask, Algorithm.PPO, true, seed, 100_000);
            if (advFraction != null) {
                template = template.with(List.of("rarl.advFraction=" + advFraction));
            }
            final double[] multipliers = ParameterAxis.range(range[0], range[1], points);
            study = new RobustnessStudy(template, ParameterAxis.named(evalTask, sweep.get(0), multipliers),
                ParameterAxis.named(evalTask, sweep.get(1), multipliers),
                episodes, adversarySteps, 2, seed, sweepUnder);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        final List<RobustnessStudy.MethodResult> results = study.run(PolicySets.load(files, evalTask));
        RobustnessStudy.print(results, spec.commandLine().getOut());
        final Path directory = out != null ? out : run != null ? run : Path.of("runs", "eval");
        RobustnessStudy.write(results, directory, evalTask + ": mean return over a " + sweep.get(0) + " × "
            + sweep.get(1) + " sweep");
        spec.commandLine().getOut().println("wrote " + directory.resolve("plots")
            + "/robustness_<disturbance>.png and sweep_<method>_<disturbance>.csv");
        return 0;
    }
}
