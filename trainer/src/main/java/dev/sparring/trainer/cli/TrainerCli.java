package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.SparringCli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Entry point of {@code ./sparring} on a training machine: the controller's commands ({@code run}, {@code policy},
 * {@code log}) plus {@code train}, {@code eval}, {@code report}, {@code policy lqr}, {@code policy import}, the
 * {@code fleet} group (co-learning: {@code fleet taskalloc}), {@code dashboard} and the RARL {@code demo}, which
 * replaces the controller's, and, described for help, completion and man pages, the launcher's own {@code test},
 * {@code bench} and {@code package} ({@link LauncherCommands}).
 */
public final class TrainerCli {
    private TrainerCli() {
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
        return commandLine(out, err).execute(args);
    }

    /**
     * @param out standard output.
     * @param err standard error.
     * @return the whole command model of {@code ./sparring}, ready to execute.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err) {
        return SparringCli.commandLine(out, err, commandLine -> {
            SparringCli.putSubcommand(commandLine, new TrainCommand());
            SparringCli.putSubcommand(commandLine, new EvalCommand());
            SparringCli.putSubcommand(commandLine, new ReportCommand());
            SparringCli.putSubcommand(commandLine, new DemoCommand());
            SparringCli.putSubcommand(commandLine, new FleetCommand());
            SparringCli.putSubcommand(commandLine, new BridgeCommand());
            SparringCli.putSubcommand(commandLine, new DashboardCommand());
            SparringCli.putSubcommand(commandLine.getSubcommands().get("policy"), new PolicyLqrCommand());
            SparringCli.putSubcommand(commandLine.getSubcommands().get("policy"), new PolicyImportCommand());
            LauncherCommands.addTo(commandLine);
        });
    }
}
