package dev.sparring.controller.log;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.concurrent.locks.LockSupport;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One robot's experience log while a controller runs: the ring buffer between the control thread and the logger,
 * the control thread's {@link ExperienceRecorder}, and the {@link ExperienceLoggerAgent}, either on its own thread
 * ({@value #THREAD_NAME}, sleeping 1 ms between drains: at 1 kHz a drain moves about one record, and the ring holds
 * several seconds) or, for a simulated fleet that steps its robots from one thread, invoked by that thread through
 * {@link #awaitDrained(long)} (Aeron's invoker threading mode: the wiring chooses the thread layout).
 * {@link #close()} lets the logger drain what is left, then syncs (per the policy) and closes.
 */
public final class ExperienceLog implements AutoCloseable {
    /** Name of the logger thread. */
    public static final String THREAD_NAME = "sparring-logger";
    /** Ring buffer capacity: 1 MiB, about 6 000 records of 17 observations and 6 actions. */
    public static final int RING_CAPACITY_BYTES = 1 << 20;
    private static final long DRAIN_TIMEOUT_NS = 5_000_000_000L;

    private final OneToOneRingBuffer ring;
    private final ExperienceRecorder recorder;
    private final ExperienceLoggerAgent logger;
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private final long drainTimeoutNs;
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private long recordsLeftInRing;

    /**
     * Opens the queue and starts the logger thread.
     *
     * @param config           where and how to log.
     * @param robotId          written in every record.
     * @param policyId         written in every record.
     * @param policyVersion    written in every record.
     * @param observationCount n of every step.
     * @param actionCount      a of every step.
     * @param adversaryCount   d of every step.
     */
    public ExperienceLog(final ExperienceLogConfig config, final long robotId, final long policyId,
        final int policyVersion, final int observationCount, final int actionCount, final int adversaryCount) {
        this(config, robotId, policyId, policyVersion, observationCount, actionCount, adversaryCount, true);
    }

    /**
     * Opens the queue, with the logger on its own thread or invoked by the caller.
     *
     * @param config           where and how to log.
     * @param robotId          written in every record.
     * @param policyId         written in every record.
     * @param policyVersion    written in every record.
     * @param observationCount n of every step.
     * @param actionCount      a of every step.
     * @param adversaryCount   d of every step.
     * @param ownThread        start the logger on its own thread; false: the logger runs only inside
     *                         {@link #awaitDrained(long)} and {@link #finish()}, on the calling thread, which must then
     *                         drain the ring before it fills ({@value #RING_CAPACITY_BYTES} bytes; records that do not
     *                         fit are dropped and counted).
     */
    public ExperienceLog(final ExperienceLogConfig config, final long robotId, final long policyId,
        final int policyVersion, final int observationCount, final int actionCount, final int adversaryCount,
        final boolean ownThread) {
        this(robotId, policyId, policyVersion, observationCount, actionCount, adversaryCount,
            (ring, errorHandler) -> new ExperienceLoggerAgent(config, ring, errorHandler, SystemNanoClock.INSTANCE),
            DRAIN_TIMEOUT_NS, ownThread);
    }

    /**
     * A log whose logger the caller builds (tests give it a store that fails or stalls).
     *
     * @param loggerFactory  builds the logger over the ring, reporting to the error handler.
     * @param drainTimeoutNs how long {@link #finish()} waits for the logger to drain the ring.
     */
    ExperienceLog(final long robotId, final long policyId, final int policyVersion, final int observationCount,
        final int actionCount, final int adversaryCount,
        final BiFunction<RingBuffer, ErrorHandler, ExperienceLoggerAgent> loggerFactory, final long drainTimeoutNs,
        final boolean ownThread) {
        ChronicleSettings.disableAnalytics();
        this.drainTimeoutNs = drainTimeoutNs;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            RING_CAPACITY_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        recorder = new ExperienceRecorder(ring, robotId, policyId, policyVersion, observationCount, actionCount,
            adversaryCount);
        final ErrorHandler errorHandler = error -> firstError.compareAndSet(null, error);
        logger = loggerFactory.apply(ring, errorHandler);
        if (ownThread) {
            invoker = null;
            runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errorHandler, null, logger);
            AgentRunner.startOnThread(runner, runnable -> new Thread(runnable, THREAD_NAME));
        } else {
            runner = null;
            invoker = new AgentInvoker(errorHandler, null, logger);
            invoker.start();
        }
    }

    /**
     * @return the control thread's end of the log.
     */
    public ExperienceRecorder recorder() {
        return recorder;
    }

    /**
     * @return records appended to the queue so far.
     */
    public long recordsWritten() {
        return logger.recordsWritten();
    }

    /**
     * @return records retention deleted, the log over its size limit, before the fleet receiver acknowledged them
     *         (counted only while the fleet shipper's {@code shipped.ack} is in the log directory).
     */
    public long unshippedRecordsDeleted() {
        return logger.unshippedRecordsDeleted();
    }

    /**
     * @return records lost: dropped on the control thread (ring full), dropped by the logger (write failures), and,
     *         after {@link #finish()}, those the logger had not drained when it was stopped.
     */
    public long recordsDropped() {
        return recorder.dropped() + logger.recordsDropped() + recordsLeftInRing;
    }

    /**
     * @return the first failure the logger reported, or null.
     */
    public Throwable firstError() {
        return firstError.get();
    }

    /**
     * Waits until the logger has appended every record offered so far to the queue (the ring is empty once the
     * logger's appends of what it read have returned), so a reader opened now sees them: a simulated fleet calls it
     * between stepping its robots and reading their logs. Call from the thread that offers records (the control
     * thread, or the thread stepping a simulated robot), or once it has stopped. A logger without its own thread
     * runs here, on the calling thread, until the ring is empty.
     *
     * @param timeoutNs how long to wait at most.
     * @return true when drained, false when the timeout passed first (the logger is stalled or has stopped).
     */
    public boolean awaitDrained(final long timeoutNs) {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (ring.size() > 0) {
            if (System.nanoTime() - deadlineNs >= 0) {
                return false;
            }
            if (invoker == null) {
                LockSupport.parkNanos(1_000_000L);
            } else if (invoker.isClosed()) {
                return false;
            } else if (invoker.invoke() == 0) {
                // a pass can read nothing yet free space: the padding at the ring's end before it wraps
                Thread.onSpinWait();
            }
        }
        return true;
    }

    /**
     * Same as {@link #finish()}.
     */
    @Override
    public void close() {
        finish();
    }

    /**
     * Waits (up to 5 s) for the logger to drain the ring, then stops it (syncing per the policy); call after the
     * control loop has stopped. Records the logger had not drained by then are counted as dropped, so every record
     * offered is either written or counted. Idempotent; the counters stay readable.
     */
    public void finish() {
        if (runner != null ? runner.isClosed() : invoker.isClosed()) {
            return;
        }
        awaitDrained(drainTimeoutNs);
        if (runner != null) {
            runner.close();
        } else {
            invoker.close();
        }
        recordsLeftInRing = ring.read((msgTypeId, buffer, index, length) -> { }, Integer.MAX_VALUE);
    }
}
