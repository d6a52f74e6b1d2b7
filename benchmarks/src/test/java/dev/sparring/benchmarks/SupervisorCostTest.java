package dev.sparring.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code ./sparring bench supervisor} on a tiny fleet: the table and the growth lines, and bad options refused. */
class SupervisorCostTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return new CommandLine(new SupervisorCost()).setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldPrintARowPerFleetSizeAndSupervisorCountAndTheGrowth() {
        assertEquals(0, run("--robots", "8,16", "--supervisors", "1,2,32", "--window", "50", "--repeats", "1",
            "--warmup", "0"), err::toString);
        final String table = out.toString();
        assertTrue(table.contains("| N | S | robots/block | plan ms/block |"), table);
        for (final String row : new String[] {"| 8 | 1 | 8 |", "| 8 | 2 | 4 |", "| 16 | 1 | 16 |", "| 16 | 2 | 8 |"}) {
            assertTrue(table.contains(row), row + " in\n" + table);
        }
        assertTrue(!table.contains("| 16 | 32 |"), "S > N is skipped:\n" + table);
        assertTrue(table.contains("growth with N at S = 1, fleet time per window ∝ N^b, fitted (and between sizes): "
            + "plan b = "), table);
        assertTrue(table.contains("growth with N at S = 32, fleet time per window ∝ N^b, fitted (and between sizes): "
            + "plan b = NaN (8→16: NaN)"), table);
    }

    @Test
    void shouldRefuseAWindowTooShortForTheFeatures() {
        assertEquals(CommandLine.ExitCode.USAGE, run("--robots", "8", "--window", "3"));
        assertTrue(err.toString().contains("--window must be >= 7 tuples, was 3"), err.toString());
    }
}
