package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.FleetDescription;
import dev.sparring.trainer.colearn.fleet.FleetStudy;
import dev.sparring.trainer.colearn.fleet.FleetTransport;
import dev.sparring.trainer.colearn.fleet.SharingMode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring fleet train}: a simulated fleet that learns on the job, each robot with its own controller and
 * Chronicle log, compared over seeds across sharing modes (independent, everyone, random partners, oracle groups,
 * Dynamic Co-Learning with each number of supervisors); resumes a study left unfinished in the same directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fleet co-learning on simulated robots: independent learners against sharing with everyone, random "
        + "partners, oracle groups and Dynamic Co-Learning; per-run metrics, a summary with tests, plots.")
final class FleetTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--fleet", defaultValue = "robots/fleet/inverted_pendulum.yaml", description = "Fleet "
        + "description: the robot, the task and the robot types (default ${DEFAULT-VALUE}).")
    private Path fleetFile;

    @Option(names = "--robots", defaultValue = "32", description = "N, robots in the fleet (default ${DEFAULT-VALUE}).")
    private int robots;

    @Option(names = "--types", description = "Robot types to use, the first this many of the fleet file's (default: "
        + "all of them).")
    private Integer types;

    @Option(names = "--supervisors", split = ",", defaultValue = "1", description = "S for Dynamic Co-Learning, one "
        + "study method each (e.g. 1,4,8); the other modes run with the first (default ${DEFAULT-VALUE}).")
    private List<Integer> supervisors;

    @Option(names = "--window", defaultValue = "1000", description = "K, policy steps per robot per window (default "
        + "${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--temperature", defaultValue = "3", description = "T, partner draws per robot per window "
        + "(default ${DEFAULT-VALUE}).")
    private int temperature;

    @Option(names = "--steps", defaultValue = "50000", description = "N, environment steps per robot (default "
        + "${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--seeds", split = ",", defaultValue = "0", description = "Seeds (default ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--sharing", split = ",", defaultValue = "none,all,random,oracle,colearn", description = "Modes: "
        + "none (independent; always run), all, random, oracle, colearn (default ${DEFAULT-VALUE}).")
    private List<String> sharing;

    @Option(names = "--epochs", defaultValue = "4", description = "PPO's epochs over each update's batch (default "
        + "${DEFAULT-VALUE}); e.g. 12 gives independent learners the Adam steps co-learners take with T = 2 partners "
        + "(a control: more data or more steps?).")
    private int epochs;

    @Option(names = "--threshold", defaultValue = "900", description = "Return a robot must reach (mean of its last "
        + "10 episodes) for the time-to-threshold metric (default ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "--out", defaultValue = "runs/fleet", description = "Study directory; an unfinished study there "
        + "resumes (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--keep-logs", description = "Keep each robot's experience log in <run>/logs/ (for 'fleet "
        + "fidelity'); by default they are deleted when a run ends.")
    private boolean keepLogs;

    @Option(names = "--transport", defaultValue = "local", paramLabel = "local|aeron", description = "Where the "
        + "supervisors read the robots' experience logs: local, the robots' own logs; aeron, copies the fleet transport "
        + "ships over Aeron UDP on loopback (docs/fleet.md); the results are the same (default ${DEFAULT-VALUE}).")
    private String transport;

    @Override
    public Integer call() throws Exception {
        OptionChecks.inRange(spec, "--robots", robots, 2, 4096);
        OptionChecks.inRange(spec, "--window", window, 2, 1_000_000);
        OptionChecks.inRange(spec, "--temperature", temperature, 1, 1000);
        OptionChecks.inRange(spec, "--steps", steps, window, 1_000_000_000L);
        OptionChecks.inRange(spec, "--epochs", epochs, 1, 1_000);
        OptionChecks.require(spec, window % FleetConfig.DEFAULT_MINIBATCHES == 0, "--window must be a multiple of "
            + "ppo.minibatches = " + FleetConfig.DEFAULT_MINIBATCHES + " (a window's steps make whole minibatches), was "
            + window);
        for (final int s : supervisors) {
            OptionChecks.inRange(spec, "--supervisors", s, 1, robots);
        }
        final List<SharingMode> modes = new ArrayList<>();
        modes.add(SharingMode.NONE);
        for (final String text : sharing) {
            try {
                final SharingMode mode = SharingMode.parse(text);
                if (!modes.contains(mode)) {
                    modes.add(mode);
                }
            } catch (final IllegalArgumentException e) {
                OptionChecks.require(spec, false, "--sharing: " + e.getMessage());
            }
        }
        FleetTransport logTransport = FleetTransport.LOCAL;
        try {
            logTransport = FleetTransport.parse(transport);
        } catch (final IllegalArgumentException e) {
            OptionChecks.require(spec, false, "--transport: " + e.getMessage());
        }
        final FleetDescription fleet = FleetDescription.load(fleetFile);
        FleetDescription used = fleet;
        if (types != null) {
            try {
                used = fleet.firstTypes(types);
            } catch (final IllegalArgumentException e) {
                OptionChecks.require(spec, false, e.getMessage());
            }
        }
        final List<FleetStudy.Method> methods = new ArrayList<>();
        final int first = supervisors.get(0);
        for (final SharingMode mode : modes) {
            if (mode == SharingMode.COLEARN) {
                for (final int s : new LinkedHashSet<>(supervisors)) {
                    methods.add(new FleetStudy.Method(mode, s));
                }
            } else {
                methods.add(new FleetStudy.Method(mode, first));
            }
        }
        final PrintWriter console = spec.commandLine().getOut();
        final long startNs = System.nanoTime();
        final String summary = FleetStudy.run(methods, List.copyOf(new LinkedHashSet<>(seeds)),
            (method, seed) -> FleetConfig.defaults(robots, method.supervisors(), window, steps, temperature,
                method.sharing(), seed).withThreshold(threshold).withEpochs(epochs), used, out, keepLogs, logTransport,
            console);
        console.print(summary);
        console.printf(Locale.ROOT, "wrote %s (summary.md, summary.csv, <method>/seed-<n>/metrics.csv, curves*.png) "
            + "in %.1f s%n", out, (System.nanoTime() - startNs) / 1e9);
        return 0;
    }
}
