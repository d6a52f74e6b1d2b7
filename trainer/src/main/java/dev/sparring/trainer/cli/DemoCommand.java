package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.RunCommand;
import dev.sparring.controller.cli.SparringHome;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.Experiment;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.TrainingConfig;
import dev.sparring.trainer.run.TrainingRun;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring demo}, the showcase: trains RARL and the baseline with PPO on the inverted pendulum, prints their
 * robustness comparison, then runs the RARL policy in the fixed-rate controller at 1 kHz on the simulated robot and
 * prints the loop summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train RARL and a baseline on the inverted pendulum, compare their robustness, then run the RARL "
        + "policy at 1 kHz in the controller on the simulated robot.")
final class DemoCommand implements Callable<Integer> {
    private static final String TASK = "inverted_pendulum";

    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", defaultValue = "100000",
        description = "Protagonist steps per method (default ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--seed", defaultValue = "0", description = "Training seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--duration", defaultValue = "10", description = "Controller run time in seconds "
        + "(default ${DEFAULT-VALUE}).")
    private double durationS;

    @Option(names = "--out", description = "Experiment directory (default runs/demo-<time>).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        OptionChecks.duration(spec, "--duration", durationS);
        OptionChecks.inRange(spec, "--steps", steps, TrainingConfig.defaults(TASK, Algorithm.PPO, false, seed,
            Long.MAX_VALUE).batchSize(), Long.MAX_VALUE);
        final PrintWriter console = spec.commandLine().getOut();
        final Path directory = out != null ? out
            : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final List<TrainingConfig> configs = new ArrayList<>();
        for (final boolean adversarial : new boolean[] {false, true}) {
            configs.add(TrainingConfig.defaults(TASK, Algorithm.PPO, adversarial, seed, steps));
        }
        console.printf("1/3 training the baseline and RARL (PPO, %,d steps each) on %s into %s%n", steps, TASK,
            directory);
        final Map<String, List<Path>> runs;
        try (StopSignal stop = new StopSignal()) {
            final Experiment experiment = new Experiment(directory, stop::requested, console,
                System.console() != null);
            runs = experiment.train(configs);
            if (runs == null) {
                return 130;
            }
            experiment.plotLearningCurves(runs, TASK + " — PPO, baseline vs RARL");
        }
        console.println("2/3 robustness, 3 episodes per condition: nominal; random forces and an adversary trained "
            + "afresh against each policy, both up to 5 N per component; pole mass x joint friction 0.2-5x (7 x 7) with no "
            + "force and against that adversary:");
        final double[] multipliers = ParameterAxis.range(0.2, 5.0, 7);
        final RobustnessStudy study = new RobustnessStudy(configs.getLast().with(List.of("rarl.advFraction=1.0")),
            ParameterAxis.mass(multipliers), ParameterAxis.friction(multipliers), 3, 30_000, 2, 1000,
            List.of(RobustnessStudy.Disturbance.NONE, RobustnessStudy.Disturbance.ADVERSARY));
        final List<RobustnessStudy.MethodResult> results = study.run(PolicySets.load(PolicySets.fromExperiment(directory), TASK));
        RobustnessStudy.print(results, console);
        RobustnessStudy.write(results, directory, TASK + ": mean return over pole mass × friction");
        console.println("plots: " + directory.resolve("plots"));
        final Path policy = runs.get("rarl").getFirst().resolve(TrainingRun.POLICY_FILE);
        console.println("3/3 the RARL policy in the controller at 1 kHz on the simulated robot:");
        RunCommand.run(RobotDescription.load(SparringHome.resolve("robots/" + TASK + ".yaml")), policy, 1000.0, false,
            durationS, new RealtimeSetup(false, 80, Runtime.getRuntime().availableProcessors() - 1, 1), null,
            console);
        return 0;
    }
}
