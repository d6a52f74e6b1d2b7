package dev.sparring.controller.cli;

import dev.sparring.controller.Controller;
import dev.sparring.controller.loop.ControlLoop;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring run}: runs a policy on any robot description's backend for a duration and prints the summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a policy in the fixed-rate loop on a robot and print a summary.")
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--robot", required = true, description = "Robot description file (YAML).")
    private Path robot;

    @Option(names = "--policy", description = "Policy file; default: the description's control.policy.")
    private Path policy;

    @Option(names = "--rate", description = "Loop rate in Hz (10–10000); default: the description's control.rate_hz.")
    private Double rateHz;

    @Option(names = "--duration", defaultValue = "10", description = "Run time in seconds (default ${DEFAULT-VALUE}).")
    private double durationS;

    @Mixin
    private RealtimeOptions realtime;

    @Override
    public Integer call() throws Exception {
        if (!(durationS > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--duration must be > 0 seconds, was " + durationS);
        }
        final RobotDescription description = RobotDescription.load(robot);
        final PrintWriter out = spec.commandLine().getOut();
        run(description, policy, rateHz == null ? Double.NaN : rateHz, durationS, realtime.setup(), out);
        return 0;
    }

    /**
     * Runs a controller for a duration and prints its summary; shared with {@code demo}.
     */
    static void run(final RobotDescription description, final Path policy, final double rateHz,
        final double durationS, final RealtimeSetup realtimeSetup, final PrintWriter out) throws Exception {
        try (Controller controller = Controller.create(description, policy, rateHz)) {
            out.printf("running %s (backend %s) with policy %s at %.0f Hz for %.1f s%n",
                description.spec().name(), description.backend(), controller.policy().describe(),
                1e9 / controller.periodNs(), durationS);
            final ControlLoop loop = new ControlLoop(controller.periodNs(), controller.tick(), realtimeSetup,
                dev.sparring.controller.loop.DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS,
                message -> out.println("warning: " + message));
            final LoopSummary summary = loop.run(Math.round(durationS * 1e9));
            out.print(RunSummaryFormat.format(summary, controller.tick()));
            out.flush();
        }
    }
}
