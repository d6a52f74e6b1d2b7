package dev.sparring.fleet.cli;

import dev.sparring.controller.cli.SparringCli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Entry point of the robot distribution's launcher: the controller's commands plus {@code fleet ship}.
 */
public final class RobotCli {
    private RobotCli() {
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command line; used by {@link #main} and by tests.
     *
     * @param args the arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err) {
        return SparringCli.commandLine(out, err,
            commandLine -> SparringCli.putSubcommand(commandLine, new RobotFleetCommand())).execute(args);
    }
}
