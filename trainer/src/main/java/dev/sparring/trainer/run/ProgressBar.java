package dev.sparring.trainer.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live one-line progress display for a training run: bar, iteration, steps, steps per second, mean return and
 * estimated time left. On a terminal the line is redrawn in place at most every {@code redrawNs}; into a file or
 * pipe it prints a full line at most every {@code redrawNs}, so logs stay readable. The clock is injected.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final LongSupplier clockNs;
    private final boolean inPlace;
    private final long redrawNs;
    private final String label;
    private final long startNs;
    private final long startSteps;
    private long lastDrawNs = Long.MIN_VALUE;
    private int lastLength;

    /**
     * @param out        where to draw.
     * @param clockNs    monotonic clock in nanoseconds.
     * @param inPlace    redraw one line with carriage returns (a terminal) rather than print lines.
     * @param redrawNs   the least time between two draws.
     * @param label      prefix naming the run, e.g. {@code "ppo seed 0"}.
     * @param startSteps steps already done when this bar starts (a resumed run), so the rate counts new steps only.
     */
    public ProgressBar(final PrintWriter out, final LongSupplier clockNs, final boolean inPlace, final long redrawNs,
        final String label, final long startSteps) {
        this.out = out;
        this.clockNs = clockNs;
        this.inPlace = inPlace;
        this.redrawNs = redrawNs;
        this.label = label;
        this.startNs = clockNs.getAsLong();
        this.startSteps = startSteps;
    }

    /**
     * Draws the line if enough time has passed since the last draw.
     *
     * @param iteration  iterations done.
     * @param steps      environment steps done.
     * @param totalSteps the run's step budget.
     * @param meanReturn the recent mean episodic return (NaN before the first episode ends).
     */
    public void update(final long iteration, final long steps, final long totalSteps, final double meanReturn) {
        final long now = clockNs.getAsLong();
        if (lastDrawNs != Long.MIN_VALUE && now - lastDrawNs < redrawNs) {
            return;
        }
        lastDrawNs = now;
        draw(line(now, iteration, steps, totalSteps, meanReturn));
    }

    /**
     * Draws the final state and ends the line.
     *
     * @param iteration  iterations done.
     * @param steps      environment steps done.
     * @param totalSteps the run's step budget.
     * @param meanReturn the recent mean episodic return.
     */
    public void finish(final long iteration, final long steps, final long totalSteps, final double meanReturn) {
        draw(line(clockNs.getAsLong(), iteration, steps, totalSteps, meanReturn));
        if (inPlace) {
            out.println();
        }
        out.flush();
    }

    String line(final long nowNs, final long iteration, final long steps, final long totalSteps,
        final double meanReturn) {
        final double fraction = totalSteps <= 0 ? 1.0 : Math.min(1.0, (double) steps / totalSteps);
        final int filled = (int) Math.round(fraction * WIDTH);
        final double elapsedS = (nowNs - startNs) / 1e9;
        final double rate = elapsedS > 0 ? (steps - startSteps) / elapsedS : 0.0;
        final String eta = rate > 0 ? clock((totalSteps - steps) / rate) : "--:--";
        final String ret = Double.isNaN(meanReturn) ? "   n/a" : String.format(Locale.ROOT, "%8.1f", meanReturn);
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% iter %d | %,d steps | %,.0f steps/s | return %s | ETA %s",
            label, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, iteration, steps, rate, ret, eta);
    }

    private void draw(final String line) {
        if (inPlace) {
            final int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String clock(final double seconds) {
        final long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
