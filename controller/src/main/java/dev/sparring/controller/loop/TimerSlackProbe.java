package dev.sparring.controller.loop;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Measures how late {@link LockSupport#parkNanos(long)} wakes up on this machine, first with the thread's default
 * timer slack, then with {@code PR_SET_TIMERSLACK} set to 1 ns: the numbers that justify
 * {@link DeadlineIdleStrategy#DEFAULT_SPIN_THRESHOLD_NS}.
 * <p>
 * Usage: {@code TimerSlackProbe [parks [parkNs]]}, by default 2000 parks of 200 µs each, after 200 warm-up parks.
 */
public final class TimerSlackProbe {
    private static final int DEFAULT_PARKS = 2000;
    private static final long DEFAULT_PARK_NS = 200_000L;
    private static final int WARM_UP_PARKS = 200;
    private static final long LOW_TIMER_SLACK_NS = 1L;
    private static final double NANOS_PER_MICRO = 1e3;

    private TimerSlackProbe() {
    }

    /**
     * Prints the wake-up lateness percentiles for both timer slacks, and the report of the slack change.
     *
     * @param args optional number of parks and park duration in nanoseconds.
     */
    public static void main(final String[] args) {
        final int parks = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PARKS;
        final long parkNs = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_PARK_NS;
        System.out.printf(Locale.ROOT, "parkNanos(%d) wake-up lateness over %d parks%n", parkNs, parks);
        System.out.println("default timer slack: " + measure(parks, parkNs));
        final RealtimeReport report =
            new RealtimeSetup(false, RealtimeSetup.NO_FIFO, RealtimeSetup.NO_CPU, LOW_TIMER_SLACK_NS)
                .applyToCurrentThread();
        System.out.println(report);
        System.out.println("timer slack " + LOW_TIMER_SLACK_NS + " ns:  " + measure(parks, parkNs));
    }

    private static String measure(final int parks, final long parkNs) {
        final Histogram latenessNs =
            new Histogram(FixedRateLoopAgent.HISTOGRAM_MAX_NS, FixedRateLoopAgent.HISTOGRAM_SIGNIFICANT_DIGITS);
        for (int i = 0; i < WARM_UP_PARKS + parks; i++) {
            final long startNs = System.nanoTime();
            LockSupport.parkNanos(parkNs);
            final long wokeNs = System.nanoTime();
            if (i >= WARM_UP_PARKS) {
                latenessNs.recordValue(Math.min(Math.max(wokeNs - startNs - parkNs, 0L),
                    FixedRateLoopAgent.HISTOGRAM_MAX_NS));
            }
        }
        return String.format(Locale.ROOT, "p50 %.1f µs, p99 %.1f µs, max %.1f µs",
            latenessNs.getValueAtPercentile(50.0) / NANOS_PER_MICRO,
            latenessNs.getValueAtPercentile(99.0) / NANOS_PER_MICRO,
            latenessNs.getMaxValue() / NANOS_PER_MICRO);
    }
}
