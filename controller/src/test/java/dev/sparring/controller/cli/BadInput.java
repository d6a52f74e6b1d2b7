package dev.sparring.controller.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One bad input to a command line and the answer every bad input must get: a non-zero exit code, a message on
 * standard error that names the file or option and the problem, and no stack trace. Shared by the controller's and
 * the trainer's bad-input corpora.
 *
 * @param name     the case's name in test reports.
 * @param args     the arguments, given the case's scratch directory.
 * @param expected fragments the message must contain (the file or option, and the problem).
 */
public record BadInput(String name, Function<Path, String[]> args, String... expected) {
    /** A command line entry point, such as {@link SparringCli#execute(String[], PrintWriter, PrintWriter)}. */
    @FunctionalInterface
    public interface Cli {
        /**
         * @param args the arguments.
         * @param out  standard output.
         * @param err  standard error.
         * @return the exit code.
         */
        int execute(String[] args, PrintWriter out, PrintWriter err);
    }

    /**
     * Runs the case and asserts the answer.
     *
     * @param cli       the entry point.
     * @param directory the case's scratch directory.
     * @return standard error, for further checks.
     */
    public String assertRefusedBy(final Cli cli, final Path directory) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = cli.execute(args.apply(directory), new PrintWriter(out, true), new PrintWriter(err, true));
        final String message = err.toString();
        assertNotEquals(0, exitCode, () -> name + " was accepted:\n" + out + message);
        for (final String fragment : expected) {
            assertTrue(message.contains(fragment), () -> name + ": '" + fragment + "' not in:\n" + message);
        }
        assertFalse(message.contains("\tat ") || message.contains("Exception"), () -> name + " printed a stack "
            + "trace or an exception's name:\n" + message);
        return message;
    }

    @Override
    public String toString() {
        return name;
    }
}
