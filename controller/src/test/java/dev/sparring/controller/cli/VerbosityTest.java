package dev.sparring.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --quiet} and {@code --verbose}: given before or after the subcommand, what each lets through. */
class VerbosityTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Prints a result and a progress line and a detail line, then fails as told. */
    @Command(name = "work")
    static final class WorkCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--fail", paramLabel = "<how>", description = "none, config or bug (default ${DEFAULT-VALUE}).",
            defaultValue = "none")
        private String fail;

        @Override
        public Integer call() {
            final PrintWriter console = spec.commandLine().getOut();
            final Verbosity verbosity = Verbosity.of(spec);
            verbosity.progress(console).println("progress 50 %");
            verbosity.detail(console).println("detail: 3 workers");
            switch (fail) {
                case "config" -> throw new ConfigException("robot.yaml: joint 'hip' max_effort must be > 0",
                    new IOException("the cause"));
                case "bug" -> throw new IllegalStateException("index 7 out of bounds");
                default -> console.println("result 42");
            }
            return 0;
        }
    }

    private int run(final String... args) {
        return SparringCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
            commandLine -> SparringCli.putSubcommand(commandLine, new WorkCommand())).execute(args);
    }

    @Test
    void shouldPrintResultsAndProgressButNoDetailByDefault() {
        assertEquals(0, run("work"));
        assertEquals("progress 50 %\nresult 42\n", out.toString());
    }

    @Test
    void shouldLeaveOnlyTheResultWhenQuietBeforeOrAfterTheSubcommand() {
        assertEquals(0, run("--quiet", "work"));
        assertEquals(0, run("work", "-q"));
        assertEquals("result 42\nresult 42\n", out.toString());
    }

    @Test
    void shouldAddDetailWhenVerbose() {
        assertEquals(0, run("work", "--verbose"));
        assertEquals("progress 50 %\ndetail: 3 workers\nresult 42\n", out.toString());
    }

    @Test
    void shouldStillReportErrorsWithTheSameExitCodeWhenQuiet() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("-q", "work", "--fail", "config"));
        assertEquals("sparring work: robot.yaml: joint 'hip' max_effort must be > 0\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void shouldNameTheCausesOfARefusedInputWhenVerbose() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("-v", "work", "--fail", "config"));
        assertTrue(err.toString().endsWith("max_effort must be > 0\n  caused by java.io.IOException: the cause\n"),
            err.toString());
    }

    @Test
    void shouldReportAnUnexpectedErrorInOneLineAndItsStackTraceOnlyWhenVerbose() {
        assertEquals(1, run("work", "--fail", "bug"));
        assertEquals("sparring work: unexpected error: java.lang.IllegalStateException: index 7 out of bounds "
            + "(rerun with --verbose for its stack trace)\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, run("work", "--fail", "bug", "--verbose"));
        assertTrue(err.toString().startsWith("sparring work: unexpected error:\njava.lang.IllegalStateException: "
            + "index 7 out of bounds\n\tat "), err.toString());
        assertTrue(err.toString().contains("VerbosityTest$WorkCommand.call"), err.toString());
    }

    @Test
    void shouldRefuseVerboseAndQuietTogether() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("-v", "work", "-q"));
        assertTrue(err.toString().startsWith("--verbose and --quiet exclude each other; give one"), err.toString());
        assertFalse(out.toString().contains("result"), out.toString());
    }
}
