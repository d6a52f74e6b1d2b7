package dev.sparring.controller.loop;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * Sleeps until shortly before the next deadline, then spins onto it.
 * <p>
 * Each call reads the deadline from a {@link DeadlineSource} and the time from the clock. While more than
 * {@code spinThresholdNs} remain it parks for the remaining time minus the threshold; within the threshold it
 * busy-spins ({@link Thread#onSpinWait()}); once the deadline is due it returns at once. A loop thread therefore
 * sleeps for most of each period, which a {@code SCHED_FIFO} thread must do: Linux throttles real-time threads that
 * run for more than {@code sched_rt_runtime_us} (950 ms by default) of each second.
 * <p>
 * The threshold must cover how late a park wakes up. {@link TimerSlackProbe} measured it on a loaded 2-core x86-64 VM
 * (2000 parks of 200 µs, three runs): with the default 50 µs timer slack, p50 66-72 µs and p99 95-102 µs late; with a
 * 1 ns slack, p50 16-21 µs and p99 41-50 µs. {@link #DEFAULT_SPIN_THRESHOLD_NS} (100 µs) is twice the p99 once the
 * slack is lowered ({@link RealtimeSetup} timer slack, or {@code SCHED_FIFO}, whose slack is 0), and about the p99
 * with the default slack. The rare millisecond wake-ups seen in both cases are preemption by other load, which no
 * threshold covers: {@code SCHED_FIFO} and a dedicated CPU do.
 * <p>
 * The strategy keeps no state between calls: the work count is not needed, since the deadline says how long to wait.
 */
public final class DeadlineIdleStrategy implements IdleStrategy {
    /** Time before the deadline at which parking stops and spinning starts. */
    public static final long DEFAULT_SPIN_THRESHOLD_NS = 100_000L;

    private final DeadlineSource deadlineSource;
    private final NanoClock clock;
    private final long spinThresholdNs;
    private final Parker parker;

    /**
     * A strategy that parks through {@link LockSupport#parkNanos(long)}.
     *
     * @param deadlineSource  the duty cycle whose next deadline bounds the sleep.
     * @param clock           the clock the deadlines are on.
     * @param spinThresholdNs time before the deadline to stop parking and start spinning, at least 0.
     */
    public DeadlineIdleStrategy(
        final DeadlineSource deadlineSource, final NanoClock clock, final long spinThresholdNs) {
        this(deadlineSource, clock, spinThresholdNs, LockSupport::parkNanos);
    }

    DeadlineIdleStrategy(
        final DeadlineSource deadlineSource, final NanoClock clock, final long spinThresholdNs, final Parker parker) {
        if (spinThresholdNs < 0) {
            throw new IllegalArgumentException("spinThresholdNs must be >= 0, was " + spinThresholdNs);
        }
        this.deadlineSource = Objects.requireNonNull(deadlineSource, "deadlineSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spinThresholdNs = spinThresholdNs;
        this.parker = parker;
    }

    /**
     * Waits towards the next deadline as {@link #idle()} does, whatever the work count.
     *
     * @param workCount ignored: the deadline alone decides.
     */
    @Override
    public void idle(final int workCount) {
        idle();
    }

    @Override
    public void idle() {
        final long remainingNs = deadlineSource.nextDeadlineNs() - clock.nanoTime();
        if (remainingNs > spinThresholdNs) {
            parker.parkNanos(remainingNs - spinThresholdNs);
        } else if (remainingNs > 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Nothing to reset: the strategy keeps no state between calls.
     */
    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return "deadline";
    }

    /** Parks the calling thread; replaced in tests to observe the requested sleep. */
    @FunctionalInterface
    interface Parker {
        /**
         * @param durationNs how long to park, at most.
         */
        void parkNanos(long durationNs);
    }
}
