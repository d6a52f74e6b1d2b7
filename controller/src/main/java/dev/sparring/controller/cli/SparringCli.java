package dev.sparring.controller.cli;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./sparring}: dispatches to the subcommands and turns configuration and file errors into one
 * clear line on standard error with exit code 2 (no stack trace for a user's mistake): this is the one place where
 * a {@link ConfigException}'s message or an I/O failure's file and cause ({@link FileErrors}) reach the user. Bad
 * option values are refused by picocli (usage and exit code 2) through {@link OptionChecks}.
 */
@Command(name = "sparring", mixinStandardHelpOptions = true, version = "sparring 0.1.0",
    description = "Train robust robot control policies and run them on (simulated or real) robots.",
    subcommands = {RunCommand.class, DemoCommand.class, PolicyCommand.class, LogCommand.class})
public final class SparringCli {
    /** Exit code for bad input: a configuration, description or policy file problem. */
    public static final int EXIT_BAD_INPUT = 2;

    private SparringCli() {
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
        return execute(args, out, err, List.of());
    }

    /**
     * Runs a command line with further subcommands, which the trainer adds ({@code train}, {@code eval},
     * {@code demo}); a subcommand whose name the controller already has replaces it.
     *
     * @param args             the arguments.
     * @param out              standard output.
     * @param err              standard error.
     * @param extraSubcommands picocli command objects.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err,
        final List<Object> extraSubcommands) {
        final CommandLine commandLine = new CommandLine(new SparringCli());
        for (final Object command : extraSubcommands) {
            final String name = new CommandLine(command).getCommandName();
            if (commandLine.getSubcommands().containsKey(name)) {
                commandLine.getCommandSpec().removeSubcommand(name);
            }
            commandLine.addSubcommand(name, command);
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            final String problem = switch (e) {
                case ConfigException config -> config.getMessage();
                case IOException io -> FileErrors.describe(io);
                case UncheckedIOException io -> FileErrors.describe(io);
                default -> throw e;
            };
            err.println("sparring " + cmd.getCommandName() + ": " + problem);
            return EXIT_BAD_INPUT;
        });
        return commandLine.execute(args);
    }
}
