package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private long nowNs;

    @Test
    void shouldShowRateAndEtaFromTheInjectedClock() {
        final StringWriter text = new StringWriter();
        final ProgressBar bar = new ProgressBar(new PrintWriter(text), () -> nowNs, false, 1_000_000_000L,
            "ppo seed 0", 0);
        nowNs = 2_000_000_000L;
        final String line = bar.line(nowNs, 5, 50_000, 200_000, 812.25);
        assertEquals("ppo seed 0 [######..................]  25% iter 5 | 50,000 steps | 25,000 steps/s"
            + " | return    812.3 | ETA 0:06", line);
    }

    @Test
    void shouldDrawAtMostOncePerRedrawInterval() {
        final StringWriter text = new StringWriter();
        final ProgressBar bar = new ProgressBar(new PrintWriter(text), () -> nowNs, false, 1_000_000_000L, "x", 0);
        bar.update(1, 10, 100, Double.NaN);
        nowNs = 999_999_999L;
        bar.update(2, 20, 100, Double.NaN);
        nowNs = 1_000_000_000L;
        bar.update(3, 30, 100, 1.0);
        final String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertTrue(lines[0].contains("iter 1") && lines[0].contains("n/a"), lines[0]);
        assertTrue(lines[1].contains("iter 3"), lines[1]);
    }

    @Test
    void shouldRedrawInPlaceOnATerminalAndCountOnlyNewStepsWhenResumed() {
        final StringWriter text = new StringWriter();
        final ProgressBar bar = new ProgressBar(new PrintWriter(text), () -> nowNs, true, 0, "x", 1_000);
        nowNs = 1_000_000_000L;
        bar.update(1, 3_000, 10_000, 5.0);
        bar.finish(2, 10_000, 10_000, 6.0);
        assertTrue(text.toString().startsWith("\rx [") && text.toString().endsWith("\n"), text.toString());
        assertTrue(text.toString().contains("2,000 steps/s"), text.toString());
        assertTrue(text.toString().contains("100% iter 2"), text.toString());
    }
}
