package dev.sparring.controller.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;

/**
 * Runs a {@link TickHandler} at a fixed rate on absolute deadlines: tick k is due at {@code t0 + k·periodNs}, where
 * {@code t0} is the clock time of {@link #onStart()} or, if the agent is driven without it, of the first
 * {@link #doWork()}. Deadlines never drift, whatever the handler takes or however late a tick starts.
 * <p>
 * {@link #doWork()} returns 0 while the next deadline is in the future ({@code deadlineNs - nowNs > 0}); once it is
 * due, it runs the handler exactly once and returns 1. Pair it with a {@link DeadlineIdleStrategy} to sleep between
 * ticks.
 * <p>
 * <b>Overrun policy.</b> If, when a tick starts, one or more further deadlines have already passed (the tick is late by
 * at least one period), the tick that was due runs once and those further ticks are skipped, never run in a burst.
 * Each skipped tick counts as one overrun, and the next deadline is the first one on the {@code t0 + k·periodNs} grid
 * that is strictly in the future. A deadline exactly equal to the tick start time is one of the skipped ones. The tick
 * index handed to the handler jumps accordingly, so it always names the period of its deadline.
 * <p>
 * <b>Timing.</b> Each tick records its lateness (start − deadline) and its compute time (handler end − start) into
 * preallocated {@link Histogram}s with a fixed range of {@link #HISTOGRAM_MAX_NS}; larger values are clamped to it,
 * while {@link #maxLatenessNs()} keeps the exact maximum. The histograms belong to the loop thread: read them once the
 * agent has stopped. The counters {@link #ticksRun()}, {@link #overrunCount()} and {@link #maxLatenessNs()} are
 * published with release semantics, so a supervisor thread may read them while the loop runs: that thread, not the
 * loop, decides whether to warn (see {@link ControlLoop}).
 * <p>
 * <b>Termination.</b> With a tick limit or a duration, the agent throws an expected
 * {@link AgentTerminationException} from the first {@code doWork} that finds a tick due after the limit: after
 * {@code maxTicks} ticks have run, or at the first deadline at or after {@code t0 + durationNs}. Agrona's runner and
 * invoker then close the agent without reporting an error.
 * <p>
 * After the first tick, {@code doWork} allocates nothing.
 */
public final class FixedRateLoopAgent implements Agent, DeadlineSource {
    /** The shortest period accepted: 10 kHz. */
    public static final long MIN_PERIOD_NS = 100_000L;
    /** The longest period accepted: 10 Hz. */
    public static final long MAX_PERIOD_NS = 100_000_000L;
    /** Neither a tick limit nor a duration: the agent runs until its runner is closed. */
    public static final long NO_LIMIT = Long.MAX_VALUE;
    /** Highest value the timing histograms track; larger values are recorded as this one. */
    public static final long HISTOGRAM_MAX_NS = 1_000_000_000L;
    /** Significant decimal digits the timing histograms keep (0.1% resolution). */
    public static final int HISTOGRAM_SIGNIFICANT_DIGITS = 3;

    /** Slowest rate the loop runs at. */
    public static final double MIN_RATE_HZ = 10.0;
    /** Fastest rate the loop runs at. */
    public static final double MAX_RATE_HZ = 10_000.0;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final VarHandle TICKS_RUN;
    private static final VarHandle OVERRUN_COUNT;
    private static final VarHandle MAX_LATENESS_NS;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TICKS_RUN = lookup.findVarHandle(FixedRateLoopAgent.class, "ticksRun", long.class);
            OVERRUN_COUNT = lookup.findVarHandle(FixedRateLoopAgent.class, "overrunCount", long.class);
            MAX_LATENESS_NS = lookup.findVarHandle(FixedRateLoopAgent.class, "maxLatenessNs", long.class);
        } catch (final ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final NanoClock clock;
    private final long periodNs;
    private final TickHandler handler;
    private final long maxTicks;
    private final long durationNs;
    private final Histogram latenessHistogram =
        new Histogram(HISTOGRAM_MAX_NS, HISTOGRAM_SIGNIFICANT_DIGITS);
    private final Histogram computeHistogram =
        new Histogram(HISTOGRAM_MAX_NS, HISTOGRAM_SIGNIFICANT_DIGITS);

    private boolean started;
    private long startNs;
    private long endNs;
    private long nextTickIndex;
    private long deadlineNs;
    private long ticksRun;
    private long overrunCount;
    private long maxLatenessNs;

    /**
     * An agent that runs until its runner is closed.
     *
     * @param clock    the clock deadlines are measured on.
     * @param periodNs the tick period, from {@link #MIN_PERIOD_NS} (10 kHz) to {@link #MAX_PERIOD_NS} (10 Hz).
     * @param handler  the tick to run each period.
     */
    public FixedRateLoopAgent(final NanoClock clock, final long periodNs, final TickHandler handler) {
        this(clock, periodNs, handler, NO_LIMIT, NO_LIMIT);
    }

    /**
     * An agent that terminates after a number of ticks or a duration, whichever comes first.
     *
     * @param clock      the clock deadlines are measured on.
     * @param periodNs   the tick period, from {@link #MIN_PERIOD_NS} (10 kHz) to {@link #MAX_PERIOD_NS} (10 Hz).
     * @param handler    the tick to run each period.
     * @param maxTicks   ticks to run before terminating, at least 1, or {@link #NO_LIMIT}.
     * @param durationNs time after {@code t0} at which to terminate, at least 1, or {@link #NO_LIMIT}.
     */
    public FixedRateLoopAgent(
        final NanoClock clock, final long periodNs, final TickHandler handler, final long maxTicks,
        final long durationNs) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.periodNs = validatePeriodNs(periodNs);
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxTicks < 1) {
            throw new IllegalArgumentException("maxTicks must be >= 1 (or NO_LIMIT), was " + maxTicks);
        }
        if (durationNs < 1) {
            throw new IllegalArgumentException("durationNs must be >= 1 (or NO_LIMIT), was " + durationNs);
        }
        this.maxTicks = maxTicks;
        this.durationNs = durationNs;
    }

    /**
     * Checks that a period lies between 10 kHz and 10 Hz.
     *
     * @param periodNs the period to check.
     * @return the period.
     * @throws IllegalArgumentException naming the accepted range and the value otherwise.
     */
    public static long validatePeriodNs(final long periodNs) {
        if (periodNs < MIN_PERIOD_NS || periodNs > MAX_PERIOD_NS) {
            throw new IllegalArgumentException("periodNs must be between " + MIN_PERIOD_NS + " (10 kHz) and " +
                MAX_PERIOD_NS + " (10 Hz), was " + periodNs);
        }
        return periodNs;
    }

    /**
     * The period of a rate between 10 Hz and 10 kHz, rounded to the nearest nanosecond.
     *
     * @param rateHz the tick rate.
     * @return the period in nanoseconds.
     * @throws IllegalArgumentException naming the accepted range and the value otherwise.
     */
    public static long periodNsOfRateHz(final double rateHz) {
        if (!(rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException("rateHz must be between 10 and 10000, was " + rateHz);
        }
        return Math.round(NANOS_PER_SECOND / rateHz);
    }

    /**
     * Fixes {@code t0} to the current clock time; tick 0 is due at once. Idempotent.
     */
    @Override
    public void onStart() {
        if (!started) {
            start(clock.nanoTime());
        }
    }

    /**
     * Runs the due tick, if any, under the overrun policy described on the class.
     *
     * @return 1 if a tick ran, 0 if the next deadline is still in the future.
     * @throws AgentTerminationException (expected) once the tick limit or the duration is reached.
     */
    @Override
    public int doWork() {
        final long nowNs = clock.nanoTime();
        if (!started) {
            start(nowNs);
        }
        final long dueDeadlineNs = deadlineNs;
        if (dueDeadlineNs - nowNs > 0) {
            return 0;
        }
        if (ticksRun >= maxTicks || dueDeadlineNs - endNs >= 0) {
            throw new AgentTerminationException(
                "fixed-rate loop finished: " + ticksRun + " ticks, " + overrunCount + " overruns", true);
        }

        final long latenessNs = nowNs - dueDeadlineNs;
        final long missedTicks = latenessNs / periodNs;
        final long tickIndex = nextTickIndex;
        nextTickIndex = tickIndex + missedTicks + 1;
        deadlineNs = startNs + nextTickIndex * periodNs;

        TICKS_RUN.setRelease(this, ticksRun + 1);
        if (missedTicks > 0) {
            OVERRUN_COUNT.setRelease(this, overrunCount + missedTicks);
        }
        if (latenessNs > maxLatenessNs) {
            MAX_LATENESS_NS.setRelease(this, latenessNs);
        }
        record(latenessHistogram, latenessNs);

        handler.onTick(nowNs, tickIndex);

        record(computeHistogram, clock.nanoTime() - nowNs);
        return 1;
    }

    @Override
    public String roleName() {
        return "fixed-rate-loop";
    }

    /**
     * The deadline of the next tick: {@code t0 + k·periodNs}. Defined once the agent has started.
     *
     * @return the next deadline in nanoseconds on the agent's clock.
     */
    @Override
    public long nextDeadlineNs() {
        return deadlineNs;
    }

    /**
     * The tick period.
     *
     * @return the period in nanoseconds.
     */
    public long periodNs() {
        return periodNs;
    }

    /**
     * Ticks run so far; safe to read from any thread.
     *
     * @return the number of handler invocations.
     */
    public long ticksRun() {
        return (long)TICKS_RUN.getAcquire(this);
    }

    /**
     * Ticks skipped so far because they were already past when an earlier tick started; safe to read from any thread.
     *
     * @return the number of missed ticks.
     */
    public long overrunCount() {
        return (long)OVERRUN_COUNT.getAcquire(this);
    }

    /**
     * The largest tick start lateness so far, exact (not clamped to the histogram range); safe to read from any thread.
     *
     * @return the maximum of start − deadline, in nanoseconds.
     */
    public long maxLatenessNs() {
        return (long)MAX_LATENESS_NS.getAcquire(this);
    }

    /**
     * Tick start lateness (start − deadline) per tick. Owned by the loop thread: read it once the agent has stopped.
     *
     * @return the lateness histogram, in nanoseconds.
     */
    public Histogram latenessHistogram() {
        return latenessHistogram;
    }

    /**
     * Handler compute time (end − start) per tick. Owned by the loop thread: read it once the agent has stopped.
     *
     * @return the compute-time histogram, in nanoseconds.
     */
    public Histogram computeHistogram() {
        return computeHistogram;
    }

    private void start(final long nowNs) {
        started = true;
        startNs = nowNs;
        endNs = nowNs + durationNs;
        deadlineNs = nowNs;
        handler.onLoopStart(nowNs);
    }

    private static void record(final Histogram histogram, final long valueNs) {
        histogram.recordValue(Math.min(Math.max(valueNs, 0L), HISTOGRAM_MAX_NS));
    }
}
