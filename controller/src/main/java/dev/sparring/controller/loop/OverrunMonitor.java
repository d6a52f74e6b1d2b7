package dev.sparring.controller.loop;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a loop's overrun counter into warnings, at most one per interval, off the loop thread: the loop only counts,
 * a supervisor thread polls this monitor and the warning text is built here.
 */
final class OverrunMonitor {
    private static final double NANOS_PER_MILLI = 1e6;

    private final FixedRateLoopAgent loopAgent;
    private final long intervalNs;
    private final Consumer<String> warningSink;
    private boolean warned;
    private long lastWarningNs;
    private long reportedOverruns;

    OverrunMonitor(final FixedRateLoopAgent loopAgent, final long intervalNs, final Consumer<String> warningSink) {
        this.loopAgent = loopAgent;
        this.intervalNs = intervalNs;
        this.warningSink = warningSink;
    }

    /**
     * Warns if the loop missed ticks since the last warning and the last warning is at least an interval old.
     *
     * @param nowNs the supervisor's clock time.
     * @return whether a warning was emitted.
     */
    boolean poll(final long nowNs) {
        final long overruns = loopAgent.overrunCount();
        if (overruns == reportedOverruns || (warned && nowNs - lastWarningNs < intervalNs)) {
            return false;
        }
        warningSink.accept(String.format(Locale.ROOT,
            "control loop overran: %d ticks missed since the last warning (%d in total), max lateness %.3f ms, " +
            "period %.3f ms",
            overruns - reportedOverruns, overruns, loopAgent.maxLatenessNs() / NANOS_PER_MILLI,
            loopAgent.periodNs() / NANOS_PER_MILLI));
        warned = true;
        lastWarningNs = nowNs;
        reportedOverruns = overruns;
        return true;
    }
}
