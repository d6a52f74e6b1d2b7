package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.RunCommand;
import dev.sparring.controller.cli.SparringHome;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.cli.Verbosity;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.MeanCurve;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.Experiment;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.TrainingConfig;
import dev.sparring.trainer.run.TrainingRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring demo}, the showcase. On MuJoCo: the bundled Hopper policies ({@code policies/hopper}, several seeds
 * of the baseline and of RARL, made by {@code trainer/studies/demo-policies.sh}) compared at nominal parameters,
 * under random forces and over a torso-mass × foot-friction grid (mean ± std over seeds, Welch's t, heat maps); a
 * short live PPO run on the hopper; then the bundled RARL policy of the first seed in the controller on the
 * {@code mujoco} backend ({@code robots/hopper.yaml}). Without libmujoco (or with {@code --pendulum}): trains RARL and
 * the baseline on the Java inverted pendulum, compares them, and runs the RARL policy at 1 kHz on the {@code sim}
 * backend.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compare the bundled baseline and RARL Hopper policies for robustness (5 seeds each), train PPO "
        + "live for a few seconds, then run the RARL policy in the controller on the mujoco backend. Without "
        + "libmujoco: train and compare both on the inverted pendulum and run RARL's at 1 kHz.")
final class DemoCommand implements Callable<Integer> {
    /** The bundled policies: {@code <method>/seed-<n>.policy} and {@code .config.txt}, and MANIFEST.txt. */
    static final String BUNDLE = "policies/hopper";
    private static final String HOPPER = "hopper";
    private static final String PENDULUM = "inverted_pendulum";
    private static final String MANIFEST = "MANIFEST.txt";
    /** The grid's multipliers of the torso's mass and the foot's friction, the reproduction's range. */
    private static final double GRID_LOW = 0.5;
    private static final double GRID_HIGH = 1.5;
    /** One episode of the hopper (1000 steps of 8 ms). */
    private static final double HOPPER_DURATION_S = 8.0;
    /** 30 PPO iterations of 8 × 256 steps: about 5 s on two cores, enough to see the return rise tenfold. */
    private static final long HOPPER_LIVE_STEPS = 61_440;
    /** The hopper grid: 5 × 5 and 3 episodes per cell, as the reproduction's evaluation (docs/results.md). */
    private static final int HOPPER_POINTS = 5;
    private static final int HOPPER_EPISODES = 3;
    private static final double PENDULUM_DURATION_S = 10.0;
    private static final long PENDULUM_STEPS = 100_000;
    private static final int PENDULUM_POINTS = 7;
    private static final int PENDULUM_EPISODES = 3;
    private static final long EVAL_SEED = 1000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", paramLabel = "<steps>",
        description = "Training steps: of the live hopper run (default " + HOPPER_LIVE_STEPS
        + "), or per method on the pendulum (default " + PENDULUM_STEPS + ").")
    private Long steps;

    @Option(names = "--seed", paramLabel = "<seed>",
        defaultValue = "0", description = "Training seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--points", paramLabel = "<count>",
        description = "Grid points per axis (default " + HOPPER_POINTS + "; "
        + PENDULUM_POINTS + " on the pendulum).")
    private Integer points;

    @Option(names = "--episodes", paramLabel = "<count>",
        description = "Episodes per policy and condition or grid cell (default "
        + HOPPER_EPISODES + ").")
    private Integer episodes;

    @Option(names = "--duration", paramLabel = "<seconds>",
        description = "Controller run time in seconds (default " + HOPPER_DURATION_S
        + ", one hopper episode; " + PENDULUM_DURATION_S + " on the pendulum).")
    private Double durationS;

    @Option(names = "--pendulum", description = "Run the inverted-pendulum demo (what runs where libmujoco is "
        + "missing).")
    private boolean pendulum;

    @Option(names = "--out", paramLabel = "<dir>", description = "Output directory (default runs/demo-<time>).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (durationS != null) {
            OptionChecks.duration(spec, "--duration", durationS);
        }
        if (points != null) {
            OptionChecks.inRange(spec, "--points", points, 2, 101);
        }
        if (episodes != null) {
            OptionChecks.inRange(spec, "--episodes", episodes, 1, Integer.MAX_VALUE);
        }
        final PrintWriter console = spec.commandLine().getOut();
        final Path directory = out != null ? out
            : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!pendulum) {
            final String unavailable = mujocoUnavailable(() -> Tasks.create(HOPPER, 0.0));
            if (unavailable == null) {
                return hopper(directory, console);
            }
            console.println("MuJoCo is unavailable, so this is the inverted-pendulum demo (" + unavailable + ")");
        }
        return pendulum(directory, console);
    }

    /**
     * @param task creates an environment of a MuJoCo task, closed at once.
     * @return why MuJoCo cannot be used (the exception's message), or {@code null} when it can.
     */
    static String mujocoUnavailable(final Supplier<? extends Env> task) {
        try (Env _ = task.get()) {
            return null;
        } catch (final RuntimeException e) {
            return e.getMessage();
        }
    }

    private int hopper(final Path directory, final PrintWriter console) throws Exception {
        final long liveSteps = steps != null ? steps : HOPPER_LIVE_STEPS;
        OptionChecks.inRange(spec, "--steps", liveSteps, TrainingConfig.defaults(HOPPER, Algorithm.PPO, false, seed,
            Long.MAX_VALUE).batchSize(), Long.MAX_VALUE);
        final TrainingConfig live = TrainingConfig.defaults(HOPPER, Algorithm.PPO, false, seed, liveSteps);
        final Path bundle = SparringHome.resolve(BUNDLE + "/" + MANIFEST).getParent();
        final Map<String, List<Path>> files = PolicySets.fromBundle(bundle);
        final List<Path> rarl = files.get("rarl");
        if (rarl == null) {
            throw new ConfigException(bundle + " holds no rarl/seed-<n>.policy; remake it with "
                + "trainer/studies/demo-policies.sh (see its " + MANIFEST + ")");
        }
        final TrainingConfig template = bundledSettings(rarl.getFirst());
        final int gridPoints = points != null ? points : HOPPER_POINTS;
        final int gridEpisodes = episodes != null ? episodes : HOPPER_EPISODES;
        final double[] multipliers = ParameterAxis.range(GRID_LOW, GRID_HIGH, gridPoints);
        console.printf(Locale.ROOT, "1/3 robustness of the bundled Hopper policies: %s (%s, %,d steps;%n"
                + "    made by trainer/studies/demo-policies.sh, see %s/%s). %d episode%s per policy and%n"
                + "    condition: nominal; random forces up to %.2f N per component (RARL's training bound); torso "
                + "mass × foot%n    friction %.1f–%.1f× (%d × %d grid, no force; its mean):%n", seedCounts(files),
            template.algorithm().name(), Long.parseLong(PolicyReader.read(rarl.getFirst()).metadata().get("steps")),
            BUNDLE, MANIFEST, gridEpisodes, gridEpisodes == 1 ? "" : "s", template.rarl().adversaryBoundN(),
            GRID_LOW, GRID_HIGH, gridPoints, gridPoints);
        final RobustnessStudy study = new RobustnessStudy(template, ParameterAxis.named(HOPPER, "mass", multipliers),
            ParameterAxis.named(HOPPER, "friction", multipliers), gridEpisodes, 0, 2, EVAL_SEED,
            List.of(RobustnessStudy.Disturbance.NONE));
        final List<RobustnessStudy.MethodResult> results = study.run(PolicySets.load(files, HOPPER));
        RobustnessStudy.print(results, console);
        RobustnessStudy.write(results, directory, "hopper: mean return over torso mass × foot friction");
        console.println("(Welch's t over seeds: with 5 seeds each, |t| above about 2.4 marks a difference at the 5 % "
            + "level.)");
        console.println("heat maps: " + directory.resolve("plots").resolve("robustness_none.png"));

        console.printf(Locale.ROOT, "2/3 live: PPO learns to hop from scratch, %,d steps on %d cores into %s%n",
            liveSteps, Runtime.getRuntime().availableProcessors(), directory.resolve("live"));
        final Map<String, MeanCurve> curves;
        try (StopSignal stop = new StopSignal()) {
            final Experiment experiment = new Experiment(directory.resolve("live"), stop::requested,
                Verbosity.of(spec).progress(console),
                System.console() != null);
            final Map<String, List<Path>> runs = experiment.train(List.of(live), false);
            if (runs == null) {
                return 130;
            }
            curves = experiment.plotLearningCurves(runs, "hopper — PPO, live");
        }
        for (final MeanCurve curve : curves.values()) {
            console.printf(Locale.ROOT, "episodic return %.0f after %,.0f steps, %.0f after %,.0f (%s)%n",
                curve.mean(0), curve.step(0), curve.mean(curve.size() - 1), curve.step(curve.size() - 1),
                directory.resolve("live").resolve("plots").resolve("learning_curves.png"));
        }

        console.println("3/3 the bundled RARL policy (" + BUNDLE + "/" + bundle.relativize(rarl.getFirst())
            + ") in the controller on the mujoco backend (robots/hopper.yaml):");
        runController("robots/hopper.yaml", rarl.getFirst(), durationS != null ? durationS : HOPPER_DURATION_S,
            console);
        return 0;
    }

    /**
     * The settings a bundled policy was trained with (its {@code seed-<n>.config.txt}), so that the demo's random
     * forces use the bound RARL trained against, whatever the bundle's settings.
     */
    private static TrainingConfig bundledSettings(final Path policy) throws IOException {
        final Path config = policy.resolveSibling(policy.getFileName().toString().replaceFirst("\\.policy$",
            ".config.txt"));
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(config + " is missing; remake the bundle with trainer/studies/demo-policies.sh");
        }
        try {
            return TrainingConfig.read(Files.readString(config), config.toString());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + "; remake the bundle with trainer/studies/demo-policies.sh");
        }
    }

    private static String seedCounts(final Map<String, List<Path>> files) {
        final List<String> counts = new ArrayList<>();
        files.forEach((method, seeds) -> counts.add(seeds.size() + (seeds.size() == 1 ? " seed of " : " seeds of ")
            + method));
        return String.join(", ", counts);
    }

    private int pendulum(final Path directory, final PrintWriter console) throws Exception {
        final long perMethod = steps != null ? steps : PENDULUM_STEPS;
        OptionChecks.inRange(spec, "--steps", perMethod, TrainingConfig.defaults(PENDULUM, Algorithm.PPO, false, seed,
            Long.MAX_VALUE).batchSize(), Long.MAX_VALUE);
        final List<TrainingConfig> configs = new ArrayList<>();
        for (final boolean adversarial : new boolean[] {false, true}) {
            configs.add(TrainingConfig.defaults(PENDULUM, Algorithm.PPO, adversarial, seed, perMethod));
        }
        console.printf("1/3 training the baseline and RARL (PPO, %,d steps each) on %s into %s%n", perMethod,
            PENDULUM, directory);
        final Map<String, List<Path>> runs;
        try (StopSignal stop = new StopSignal()) {
            final Experiment experiment = new Experiment(directory, stop::requested,
                Verbosity.of(spec).progress(console),
                System.console() != null);
            runs = experiment.train(configs, false);
            if (runs == null) {
                return 130;
            }
            experiment.plotLearningCurves(runs, PENDULUM + " — PPO, baseline vs RARL");
        }
        final int gridPoints = points != null ? points : PENDULUM_POINTS;
        final int gridEpisodes = episodes != null ? episodes : PENDULUM_EPISODES;
        console.printf(Locale.ROOT, "2/3 robustness, %d episode%s per condition: nominal; random forces and an "
            + "adversary trained afresh against each policy, both up to 5 N per component; pole mass × joint friction "
            + "0.2–5× (%d × %d) with no force and against that adversary:%n", gridEpisodes,
            gridEpisodes == 1 ? "" : "s", gridPoints, gridPoints);
        final double[] multipliers = ParameterAxis.range(0.2, 5.0, gridPoints);
        final RobustnessStudy study = new RobustnessStudy(configs.getLast().with(List.of("rarl.advFraction=1.0")),
            ParameterAxis.mass(multipliers), ParameterAxis.friction(multipliers), gridEpisodes, 30_000, 2, EVAL_SEED,
            List.of(RobustnessStudy.Disturbance.NONE, RobustnessStudy.Disturbance.ADVERSARY));
        final List<RobustnessStudy.MethodResult> results = study.run(PolicySets.load(PolicySets.fromExperiment(
            directory), PENDULUM));
        RobustnessStudy.print(results, console);
        RobustnessStudy.write(results, directory, PENDULUM + ": mean return over pole mass × friction");
        console.println("plots: " + directory.resolve("plots"));
        console.println("3/3 the RARL policy in the controller at 1 kHz on the simulated robot:");
        runController("robots/" + PENDULUM + ".yaml", runs.get("rarl").getFirst().resolve(TrainingRun.POLICY_FILE),
            durationS != null ? durationS : PENDULUM_DURATION_S, console);
        return 0;
    }

    /** Runs a policy in the controller at the description's rate and prints the loop summary. */
    private static void runController(final String robot, final Path policy, final double durationS,
        final PrintWriter console) throws Exception {
        RunCommand.run(RobotDescription.load(SparringHome.resolve(robot)), policy, Double.NaN, false, durationS,
            new RealtimeSetup(false, 80, Runtime.getRuntime().availableProcessors() - 1, 1), null, console);
    }
}
