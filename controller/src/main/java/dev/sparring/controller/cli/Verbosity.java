package dev.sparring.controller.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The output policy of every command: {@code --quiet}, the default, or {@code --verbose}, given on the top-level
 * command and inherited by every subcommand ({@code ./sparring -q train ...} and {@code ./sparring train -q ...}
 * alike). A command prints its results (tables, "wrote ..." lines) on standard output whatever the level;
 * progress and notices go to {@link #progress}, which {@code --quiet} silences; {@link #detail} prints only under
 * {@code --verbose}. Errors always reach standard error and exit codes do not depend on the level.
 */
public final class Verbosity {
    private static final PrintWriter DISCARD = new PrintWriter(OutputStream.nullOutputStream(), true);

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
        description = "More detail: the stack trace of an unexpected internal error, the causes of a refused input.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
        description = "Results and errors only: no progress bars or notices (exit codes are unchanged).")
    private boolean quiet;

    /**
     * @param spec any command of a command line whose top-level command is {@link SparringCli}.
     * @return the verbosity given on that command line; the default level for a command run on its own.
     */
    public static Verbosity of(final CommandSpec spec) {
        return spec.root().userObject() instanceof SparringCli root ? root.verbosity() : new Verbosity();
    }

    /**
     * Refuses {@code --verbose} together with {@code --quiet}.
     *
     * @param spec the command that runs, for the usage message.
     * @throws ParameterException when both were given.
     */
    void check(final CommandSpec spec) {
        if (verbose && quiet) {
            throw new ParameterException(spec.commandLine(), "--verbose and --quiet exclude each other; give one");
        }
    }

    /**
     * @return whether {@code --verbose} was given.
     */
    public boolean verbose() {
        return verbose;
    }

    /**
     * @param out the command's standard output.
     * @return where progress bars and notices go: {@code out}, or nowhere under {@code --quiet}.
     */
    public PrintWriter progress(final PrintWriter out) {
        return quiet ? DISCARD : out;
    }

    /**
     * @param out the command's standard output or error.
     * @return where extra detail goes: {@code out} under {@code --verbose}, else nowhere.
     */
    public PrintWriter detail(final PrintWriter out) {
        return verbose ? out : DISCARD;
    }
}
