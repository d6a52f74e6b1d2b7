package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.cli.Verbosity;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.MeanCurve;
import dev.sparring.trainer.eval.Statistics;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.Experiment;
import dev.sparring.trainer.run.TrainingConfig;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring train}: trains a task with PPO or TRPO, with RARL's adversary or without (or both, for a
 * comparison), over several seeds, into an experiment directory; Ctrl-C saves a checkpoint and {@code --resume}
 * continues bit for bit.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a policy (PPO or TRPO, optionally RARL) over seeds; writes config, metrics, checkpoints, "
        + "plots and the exported policy (policy.policy, policy.onnx) per seed.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--env", paramLabel = "<task>",
        description = "Task: pendulum_swingup, cartpole_balance, inverted_pendulum, reacher, "
        + "mujoco_inverted_pendulum, half_cheetah, swimmer, hopper, walker2d, or a Gymnasium id (Hopper-v4, ...).")
    private String task;

    @Option(names = "--algo", paramLabel = "<ppo|trpo>",
        defaultValue = "ppo", description = "ppo or trpo (default ${DEFAULT-VALUE}).")
    private String algorithm;

    @Option(names = "--rarl", description = "Train a RARL adversary against the protagonist.")
    private boolean rarl;

    @Option(names = "--with-baseline", description = "Also train the baseline (no adversary) with the same seeds.")
    private boolean withBaseline;

    @Option(names = "--seeds", paramLabel = "<seed>",
        split = ",", defaultValue = "0", description = "Seeds (default ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--steps", paramLabel = "<steps>",
        description = "Protagonist environment steps per seed (default: the task's).")
    private Long steps;

    @Option(names = "--adv-fraction", paramLabel = "<fraction>",
        description = "Adversary strength: bound = fraction x the task's force scale "
        + "(default 0.25).")
    private Double advFraction;

    @Option(names = "--set", paramLabel = "<name=value>",
        description = "Change a setting by its config.txt name, e.g. --set ppo.epochs=4.")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--out", paramLabel = "<dir>", description = "Experiment directory (default runs/<env>-<algo>).")
    private Path out;

    @Option(names = "--resume", paramLabel = "<run-dir>",
        description = "Continue the experiment in this directory from its checkpoints.")
    private Path resume;

    @Override
    public Integer call() throws Exception {
        final PrintWriter console = spec.commandLine().getOut();
        final PrintWriter progress = Verbosity.of(spec).progress(console);
        final List<TrainingConfig> configs;
        final Path directory;
        if (resume != null) {
            if (task != null || steps != null || !settings.isEmpty() || rarl || withBaseline || out != null) {
                throw new ConfigException("--resume continues with the stored configuration; give no other "
                    + "training options");
            }
            directory = resume;
            configs = new Experiment(directory, () -> false, progress, false).storedConfigs();
        } else {
            if (task == null) {
                throw new ConfigException("--env is required (one of " + Tasks.namesAndAliases() + ")");
            }
            task = PolicySets.canonicalTask(task);
            configs = configs();
            directory = out != null ? out : Path.of("runs", task + "-" + algorithm.toLowerCase(Locale.ROOT));
        }
        try (StopSignal stop = new StopSignal()) {
            final Experiment experiment = new Experiment(directory, stop::requested, progress,
                System.console() != null);
            final Map<String, List<Path>> runs = experiment.train(configs);
            if (runs == null) {
                return 130;
            }
            final Map<String, MeanCurve> curves = experiment.plotLearningCurves(runs,
                configs.getFirst().task() + " — " + configs.getFirst().algorithm().name());
            curves.forEach((method, curve) -> console.printf(Locale.ROOT, "%-8s final mean return %s%s%n", method,
                Statistics.meanAndSpread(curve.mean(curve.size() - 1), curve.std(curve.size() - 1), curve.seeds()),
                curve.seeds() == 1 ? "" : " over " + curve.seeds() + " seeds"));
            console.println("wrote " + directory + " (policies: <method>/seed-<n>/policy.policy, plots: "
                + directory.resolve("plots") + ")");
            return 0;
        }
    }

    private List<TrainingConfig> configs() {
        final List<TrainingConfig> configs = new ArrayList<>();
        if (!rarl && (advFraction != null || settings.stream().anyMatch(s -> s.startsWith("rarl.adv")))) {
            throw new ConfigException("--adv-fraction and rarl.adv* set the adversary, which only --rarl trains; "
                + "add --rarl or drop them");
        }
        if (steps != null) {
            OptionChecks.inRange(spec, "--steps", steps, 1, Long.MAX_VALUE);
        }
        try {
            final Algorithm chosen = Algorithm.parse(algorithm);
            final List<Boolean> methods = rarl ? withBaseline ? List.of(false, true) : List.of(true) : List.of(false);
            for (final boolean adversarial : methods) {
                for (final long seed : seeds) {
                    final List<String> changes = new ArrayList<>(settings);
                    changes.add("totalSteps=" + (steps != null ? steps : DefaultBudgets.steps(task, chosen)));
                    if (advFraction != null) {
                        changes.add("rarl.advFraction=" + advFraction);
                    }
                    configs.add(TrainingConfig.defaults(task, chosen, adversarial, seed, Long.MAX_VALUE)
                        .with(changes));
                }
            }
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return configs;
    }
}
