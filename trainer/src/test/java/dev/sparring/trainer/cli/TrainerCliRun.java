package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.cli.SparringCli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the trainer's CLI in-process for a test, keeping what it printed, and checks refusals of bad input. */
final class TrainerCliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * @param args the command line.
     * @return its exit code.
     */
    int run(final String... args) {
        return TrainerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Asserts the command is refused as bad input, naming the problem, without a stack trace. */
    void assertRefused(final String message, final String... args) {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run(args), out::toString);
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
    }

    /**
     * @return everything printed to standard output so far.
     */
    String out() {
        return out.toString();
    }

    /**
     * @return everything printed to standard error so far.
     */
    String err() {
        return err.toString();
    }
}
