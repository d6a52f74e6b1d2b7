package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.DashboardOptions;
import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.Verbosity;
import dev.sparring.controller.dashboard.DashboardServer;
import dev.sparring.controller.dashboard.RunDirectoryFollower;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.FleetDescription;
import dev.sparring.trainer.colearn.fleet.FleetStudy;
import dev.sparring.trainer.colearn.fleet.FleetTransport;
import dev.sparring.trainer.colearn.fleet.SharingMode;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private FleetRunOptions run;

    @Option(names = "--supervisors", paramLabel = "<S>",
        split = ",", defaultValue = "1", description = "S for Dynamic Co-Learning, one "
        + "study method each (e.g. 1,4,8); the other modes run with the first (default ${DEFAULT-VALUE}).")
    private List<Integer> supervisors;

    @Option(names = "--seeds", paramLabel = "<seed>",
        split = ",", defaultValue = "0", description = "Seeds (default ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--sharing", paramLabel = "<mode>",
        split = ",", defaultValue = "none,all,random,oracle,colearn", description = "Modes: "
        + "none (independent; always run), all, random, oracle, colearn (default ${DEFAULT-VALUE}).")
    private List<String> sharing;

    @Option(names = "--out", paramLabel = "<dir>",
        defaultValue = "runs/fleet", description = "Study directory; an unfinished study there "
        + "resumes (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--keep-logs", description = "Keep each robot's experience log in <run>/logs/ (for 'fleet "
        + "fidelity'); by default they are deleted when a run ends.")
    private boolean keepLogs;

    @Option(names = "--transport", defaultValue = "local", paramLabel = "local|aeron", description = "Where the "
        + "supervisors read the robots' experience logs: local, the robots' own logs; aeron, copies the fleet transport "
        + "ships over Aeron UDP on loopback (docs/fleet.md); the results are the same (default ${DEFAULT-VALUE}).")
    private String transport;

    @Mixin
    private DashboardOptions dashboard;

    @Override
    @SuppressWarnings("try") // the dashboard's follower works on its own thread: the body never names it
    public Integer call() throws Exception {
        run.check(spec);
        final InetSocketAddress dashboardAddress = dashboard.address(spec);
        for (final int s : supervisors) {
            OptionChecks.inRange(spec, "--supervisors", s, 1, run.robots());
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
        final FleetDescription used = run.fleet(spec);
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
        final String summary;
        try (DashboardServer board = dashboardAddress == null ? null
                : DashboardOptions.serve(dashboardAddress, "fleet train " + out, console);
            RunDirectoryFollower follower = board == null ? null
                : new RunDirectoryFollower(board, out, "fleet train")) {
            summary = FleetStudy.run(methods, List.copyOf(new LinkedHashSet<>(seeds)),
                (method, seed) -> run.config(method.supervisors(), method.sharing(), seed), used, out, keepLogs,
                logTransport, Verbosity.of(spec).progress(console));
        }
        console.print(summary);
        console.printf(Locale.ROOT, "wrote %s (summary.md, summary.csv, <method>/seed-<n>/metrics.csv, curves*.png) "
            + "in %.1f s%n", out, (System.nanoTime() - startNs) / 1e9);
        return 0;
    }
}
