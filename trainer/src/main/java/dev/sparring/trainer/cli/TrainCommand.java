package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.DashboardOptions;
import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.dashboard.DashboardServer;
import dev.sparring.controller.dashboard.RunDirectoryFollower;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.cli.Verbosity;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.MeanCurve;
import dev.sparring.trainer.eval.Statistics;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.Experiment;
import dev.sparring.trainer.run.TrainingConfig;
import dev.sparring.trainer.run.TrainingConfigFile;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
    /** Settings of a --config file that the options choose (--env, --algo, --rarl, --seeds) before the rest. */
    private static final Set<String> CHOSEN_BY_OPTIONS = Set.of("task", "algorithm", "adversarial", "seed");

    @Spec
    private CommandSpec spec;

    @Option(names = "--env", paramLabel = "<task>",
        description = "Task: pendulum_swingup, cartpole_balance, inverted_pendulum, reacher, "
        + "mujoco_inverted_pendulum, half_cheetah, swimmer, hopper, walker2d, or a Gymnasium id (Hopper-v4, ...).")
    private String task;

    @Option(names = "--config", paramLabel = "<file.yaml>", description = "Settings from a YAML file, by the names of "
        + "config.txt and --set (task, algorithm, adversarial, seed, totalSteps, ppo.epochs, ...); the other options "
        + "override it.")
    private Path configFile;

    @Option(names = "--algo", paramLabel = "<ppo|trpo>",
        description = "ppo or trpo (default: the --config file's algorithm, else ppo).")
    private String algorithm;

    @Option(names = "--rarl", description = "Train a RARL adversary against the protagonist.")
    private boolean rarl;

    @Option(names = "--with-baseline", description = "Also train the baseline (no adversary) with the same seeds.")
    private boolean withBaseline;

    @Option(names = "--seeds", paramLabel = "<seed>", split = ",",
        description = "Seeds (default: the --config file's seed, else 0).")
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

    @Option(names = "--resume", paramLabel = "<run-dir>", description = "Continue the experiment in this directory "
        + "from its checkpoints; with --steps, extend its budget (finished runs continue too).")
    private Path resume;

    @Mixin
    private DashboardOptions dashboard;

    @Override
    @SuppressWarnings("try") // the dashboard's follower works on its own thread: the body never names it
    public Integer call() throws Exception {
        final PrintWriter console = spec.commandLine().getOut();
        final InetSocketAddress dashboardAddress = dashboard.address(spec);
        final PrintWriter progress = Verbosity.of(spec).progress(console);
        final List<TrainingConfig> configs;
        final Path directory;
        if (resume != null) {
            if (task != null || !settings.isEmpty() || rarl || withBaseline || out != null || configFile != null
                || algorithm != null || seeds != null || advFraction != null) {
                throw new ConfigException("--resume continues with the stored configuration; give no other "
                    + "training options than --steps (to extend the budget)");
            }
            directory = resume;
            final Experiment stored = new Experiment(directory, () -> false, progress, false);
            configs = steps == null ? stored.storedConfigs() : stored.extendedConfigs(steps);
        } else {
            final TrainingConfigFile file = configFile == null ? null : TrainingConfigFile.load(configFile);
            if (task == null) {
                task = file == null ? null : file.value("task").orElse(null);
            }
            if (task == null) {
                throw new ConfigException("--env (or task in the --config file) is required (one of "
                    + Tasks.namesAndAliases() + ")");
            }
            task = PolicySets.canonicalTask(task);
            if (algorithm == null) {
                algorithm = file == null ? "ppo" : file.value("algorithm").orElse("ppo");
            }
            if (seeds == null) {
                seeds = List.of(file == null ? 0L : file.value("seed").map(Long::parseLong).orElse(0L));
            }
            rarl |= file != null && file.value("adversarial").map(Boolean::parseBoolean).orElse(false);
            configs = configs(file);
            directory = out != null ? out : Path.of("runs", task + "-" + algorithm.toLowerCase(Locale.ROOT));
        }
        try (StopSignal stop = new StopSignal();
            DashboardServer board = dashboardAddress == null ? null
                : DashboardOptions.serve(dashboardAddress, "train " + directory, console);
            RunDirectoryFollower follower = board == null ? null : new RunDirectoryFollower(board, directory, "train")) {
            final Experiment experiment = new Experiment(directory, stop::requested, progress,
                System.console() != null);
            final Map<String, List<Path>> runs = experiment.train(configs, resume != null && steps != null);
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

    private List<TrainingConfig> configs(final TrainingConfigFile file) {
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
                    if (steps != null || file == null || file.value("totalSteps").isEmpty()) {
                        changes.add("totalSteps=" + (steps != null ? steps : DefaultBudgets.steps(task, chosen)));
                    }
                    if (advFraction != null) {
                        changes.add("rarl.advFraction=" + advFraction);
                    }
                    final TrainingConfig defaults = TrainingConfig.defaults(task, chosen, adversarial, seed,
                        Long.MAX_VALUE);
                    configs.add((file == null ? defaults : file.applyTo(defaults, CHOSEN_BY_OPTIONS)).with(changes));
                }
            }
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return configs;
    }
}
