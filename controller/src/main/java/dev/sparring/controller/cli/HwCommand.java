package dev.sparring.controller.cli;

import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring hw}: looks at a robot's hardware before a policy drives it.
 */
@Command(name = "hw", mixinStandardHelpOptions = true,
    description = "Check a robot's hardware (wiring, buses, pins) before running a policy.",
    subcommands = HwCommand.Probe.class)
final class HwCommand {
    /** Exit code when something the description expects did not answer. */
    static final int EXIT_MISSING = 1;

    /**
     * {@code sparring hw probe}: asks the description's backend what answers on its buses and pins
     * ({@link dev.sparring.hal.RobotBackend#probe}); drives no output.
     */
    @Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"List what a robot description expects and what answers (I2C devices, GPIO pins), without "
            + "driving any output.", "Exit code 0: everything expected answered; 1: something did not; 2: bad input."})
    static final class Probe implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--robot", paramLabel = "<robot.yaml>",
            required = true, description = "Robot description file (YAML).")
        private Path robot;

        @Override
        public Integer call() {
            final RobotDescription description = RobotDescription.load(robot);
            final ProbeReport report = RobotBackends.find(description.backend()).probe(description);
            spec.commandLine().getOut().println("robot '" + description.spec().name() + "' (" + robot + "), backend "
                + description.backend());
            return print(report, spec.commandLine().getOut());
        }
    }

    /**
     * Prints a probe's lines, indented, and its verdict.
     *
     * @param report the probe's report.
     * @param out    where to print it.
     * @return the exit code: 0 when everything expected answered, else {@link #EXIT_MISSING}.
     */
    static int print(final ProbeReport report, final PrintWriter out) {
        for (final String line : report.lines()) {
            out.println("  " + line);
        }
        if (report.allAnswered()) {
            out.println("everything expected answered");
            return 0;
        }
        out.println("did not answer: " + String.join("; ", report.missing()));
        return EXIT_MISSING;
    }
}
