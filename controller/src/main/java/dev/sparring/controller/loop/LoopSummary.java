package dev.sparring.controller.loop;

import java.util.Locale;
import java.util.Objects;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a control loop run: tick and overrun counts, start lateness (jitter) and compute-time percentiles, and
 * what the real-time setup obtained. {@link #toString()} is the human-readable run summary.
 *
 * @param ticks          ticks run.
 * @param overruns       ticks skipped because they were already past when an earlier tick started.
 * @param errors         exceptions thrown out of ticks (a tick handler must not throw: any is a bug).
 * @param jitterP50Ns    median tick start lateness.
 * @param jitterP99Ns    99th percentile of tick start lateness.
 * @param jitterP999Ns   99.9th percentile of tick start lateness.
 * @param jitterMaxNs    largest tick start lateness, exact.
 * @param computeP50Ns   median handler compute time.
 * @param computeP99Ns   99th percentile of handler compute time.
 * @param computeMaxNs   largest handler compute time (to histogram resolution).
 * @param realtimeReport what the real-time setup of the loop thread obtained.
 */
public record LoopSummary(
    long ticks,
    long overruns,
    long errors,
    long jitterP50Ns,
    long jitterP99Ns,
    long jitterP999Ns,
    long jitterMaxNs,
    long computeP50Ns,
    long computeP99Ns,
    long computeMaxNs,
    RealtimeReport realtimeReport) {
    private static final double NANOS_PER_MICRO = 1e3;

    /**
     * @param ticks          ticks run.
     * @param overruns       ticks skipped.
     * @param errors         exceptions thrown out of ticks.
     * @param jitterP50Ns    median tick start lateness.
     * @param jitterP99Ns    99th percentile of tick start lateness.
     * @param jitterP999Ns   99.9th percentile of tick start lateness.
     * @param jitterMaxNs    largest tick start lateness.
     * @param computeP50Ns   median handler compute time.
     * @param computeP99Ns   99th percentile of handler compute time.
     * @param computeMaxNs   largest handler compute time.
     * @param realtimeReport what the real-time setup obtained.
     */
    public LoopSummary {
        Objects.requireNonNull(realtimeReport, "realtimeReport");
    }

    /**
     * Summarises a loop agent that has stopped.
     *
     * @param loopAgent      the agent, no longer running (its histograms are read without synchronisation).
     * @param errors         exceptions thrown out of its ticks.
     * @param realtimeReport what the real-time setup of its thread obtained.
     * @return the summary.
     */
    public static LoopSummary of(
        final FixedRateLoopAgent loopAgent, final long errors, final RealtimeReport realtimeReport) {
        final Histogram jitter = loopAgent.latenessHistogram();
        final Histogram compute = loopAgent.computeHistogram();
        return new LoopSummary(
            loopAgent.ticksRun(),
            loopAgent.overrunCount(),
            errors,
            jitter.getValueAtPercentile(50.0),
            jitter.getValueAtPercentile(99.0),
            jitter.getValueAtPercentile(99.9),
            loopAgent.maxLatenessNs(),
            compute.getValueAtPercentile(50.0),
            compute.getValueAtPercentile(99.0),
            compute.getMaxValue(),
            realtimeReport);
    }

    @Override
    public String toString() {
        final String newLine = System.lineSeparator();
        return String.format(Locale.ROOT, "control loop: %d ticks, %d overruns (missed ticks), %d errors", ticks,
            overruns, errors) + newLine +
            String.format(Locale.ROOT, "  jitter  p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs",
                micros(jitterP50Ns), micros(jitterP99Ns), micros(jitterP999Ns), micros(jitterMaxNs)) + newLine +
            String.format(Locale.ROOT, "  compute p50 %.1f µs, p99 %.1f µs, max %.1f µs",
                micros(computeP50Ns), micros(computeP99Ns), micros(computeMaxNs)) + newLine +
            realtimeReport;
    }

    private static double micros(final long valueNs) {
        return valueNs / NANOS_PER_MICRO;
    }
}
