package dev.sparring.controller.cli;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.RunLast;

/**
 * Entry point of {@code ./sparring}: dispatches to the subcommands and turns configuration and file errors into one
 * clear line on standard error with exit code 2 (no stack trace for a user's mistake): this is the one place where
 * a {@link ConfigException}'s message or an I/O failure's file and cause ({@link FileErrors}) reach the user. Bad
 * option values are refused by picocli (usage and exit code 2) through {@link OptionChecks}. An unexpected failure
 * (a bug, not the user's input) is one line with exit code 1, and its stack trace under {@code --verbose}
 * ({@link Verbosity}, the output policy every subcommand inherits).
 */
@Command(name = "sparring", mixinStandardHelpOptions = true, version = "sparring 0.1.0",
    description = "Train robust robot control policies and run them on (simulated or real) robots.",
    subcommands = {RunCommand.class, DemoCommand.class, PolicyCommand.class, LogCommand.class, HwCommand.class,
        KeysCommand.class})
public final class SparringCli {
    /** Exit code for bad input: a configuration, description or policy file problem. */
    public static final int EXIT_BAD_INPUT = 2;

    @Mixin
    private Verbosity verbosity;

    private SparringCli() {
    }

    /**
     * @return the output policy given on the command line ({@code --verbose}, {@code --quiet}).
     */
    Verbosity verbosity() {
        return verbosity;
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
        return commandLine(out, err, commandLine -> { }).execute(args);
    }

    /**
     * The command model with its output streams and error handling; {@code extension} first adds the commands of a
     * larger distribution (the trainer adds {@code train}, {@code eval}, its {@code demo} and {@code policy lqr}).
     *
     * @param out       standard output.
     * @param err       standard error.
     * @param extension adds or replaces subcommands, e.g. with {@link #putSubcommand}.
     * @return the command line, ready to execute.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err,
        final Consumer<CommandLine> extension) {
        final CommandLine commandLine = new CommandLine(new SparringCli());
        extension.accept(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parseResult -> {
            final CommandLine last = parseResult.asCommandLineList().getLast();
            Verbosity.of(last.getCommandSpec()).check(last.getCommandSpec());
            return new RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            final Verbosity verbosity = Verbosity.of(cmd.getCommandSpec());
            final String name = cmd.getCommandSpec().qualifiedName();
            final String problem = switch (e) {
                case ConfigException config -> config.getMessage();
                case IOException io -> FileErrors.describe(io);
                case UncheckedIOException io -> FileErrors.describe(io);
                default -> null;
            };
            if (problem == null) {
                if (verbosity.verbose()) {
                    err.println(name + ": unexpected error:");
                    e.printStackTrace(err);
                } else {
                    err.println(name + ": unexpected error: " + e + " (rerun with --verbose for its stack trace)");
                }
                return cmd.getCommandSpec().exitCodeOnExecutionException();
            }
            err.println(name + ": " + problem);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                verbosity.detail(err).println("  caused by " + cause);
            }
            return EXIT_BAD_INPUT;
        });
        return commandLine;
    }

    /**
     * Adds a subcommand under {@code parent}, replacing one of the same name.
     *
     * @param parent  a command line, or one of its subcommands' (e.g. {@code policy}).
     * @param command a picocli command object.
     */
    public static void putSubcommand(final CommandLine parent, final Object command) {
        final String name = new CommandLine(command).getCommandName();
        if (parent.getSubcommands().containsKey(name)) {
            parent.getCommandSpec().removeSubcommand(name);
        }
        parent.addSubcommand(name, command);
    }
}
