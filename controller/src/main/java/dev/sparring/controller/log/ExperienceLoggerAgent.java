package dev.sparring.controller.log;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains the control thread's ring buffer into the experience log, one excerpt per record, allocating nothing per
 * record. A failed write (disk full, I/O error, Chronicle exception) never reaches the control thread: the record
 * is dropped and counted, the failure is reported once per failure streak through the error handler with its
 * cause, and the first record written after the streak is preceded by a GAP record counting the drops (it takes the
 * robot id, episode id and timestamp of that record). Applies the sync policy on this agent's thread, and syncs once
 * more on close unless the policy is {@link SyncPolicy#NONE}. Ring messages of another type than
 * {@link #RECORD_MSG_TYPE_ID} are not records and are passed over.
 */
public final class ExperienceLoggerAgent implements Agent, MessageHandler {
    /** Message type id of a record in the ring buffer. */
    public static final int RECORD_MSG_TYPE_ID = 1;

    private final RingBuffer ringBuffer;
    private final RecordStore store;
    private final ErrorHandler errorHandler;
    private final NanoClock clock;
    private final SyncPolicy syncPolicy;
    private final long syncPeriodNs;
    private final int drainLimit;
    private final String directoryName;
    private final MutableDirectBuffer gapBuffer = new UnsafeBuffer(new byte[ExperienceRecordFlyweight.MARKER_LENGTH]);
    private final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
    private final ExperienceRecordFlyweight gap = new ExperienceRecordFlyweight();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong recordsDropped = new AtomicLong();
    private final AtomicLong gapsWritten = new AtomicLong();

    private long pendingDrops;
    private boolean failing;
    private boolean unsynced;
    private long nextSyncDeadlineNs;

    /**
     * Opens (or creates) the queue of {@code config.directory()}.
     *
     * @param config       the log's settings.
     * @param ringBuffer   the ring the control thread offers records into.
     * @param errorHandler receives write failures, once per failure streak.
     * @param clock        the clock of the periodic sync.
     */
    public ExperienceLoggerAgent(final ExperienceLogConfig config, final RingBuffer ringBuffer,
        final ErrorHandler errorHandler, final NanoClock clock) {
        this(config, ringBuffer, errorHandler, clock,
            new ChronicleRecordStore(config, SystemTimeProvider.INSTANCE, clock, errorHandler));
    }

    ExperienceLoggerAgent(final ExperienceLogConfig config, final RingBuffer ringBuffer,
        final ErrorHandler errorHandler, final NanoClock clock, final RecordStore store) {
        this.ringBuffer = ringBuffer;
        this.store = store;
        this.errorHandler = errorHandler;
        this.clock = clock;
        this.syncPolicy = config.syncPolicy();
        this.syncPeriodNs = TimeUnit.MILLISECONDS.toNanos(config.syncPeriodMs());
        this.drainLimit = config.drainLimit();
        this.directoryName = config.directory().toString();
        gap.wrap(gapBuffer, 0).header(RecordType.GAP, 0, 0, 0, 0).policyVersion(0).policyId(0).reward(Float.NaN)
            .logProbability(Float.NaN);
    }

    @Override
    public void onStart() {
        store.open();
        nextSyncDeadlineNs = clock.nanoTime() + syncPeriodNs;
    }

    @Override
    public int doWork() {
        int workCount = ringBuffer.read(this, drainLimit);
        if (syncPolicy == SyncPolicy.PERIODIC) {
            final long nowNs = clock.nanoTime();
            if (nowNs - nextSyncDeadlineNs >= 0) {
                nextSyncDeadlineNs = nowNs + syncPeriodNs;
                if (unsynced) {
                    sync();
                    workCount++;
                }
            }
        }
        return workCount;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
        if (msgTypeId != RECORD_MSG_TYPE_ID) {
            return;
        }
        record.wrap(buffer, index);
        if (pendingDrops > 0 && !writeGap(record.robotId(), record.episodeId(), record.timestampNs())) {
            drop();
            return;
        }
        if (!write(buffer, index, length)) {
            drop();
            return;
        }
        recordsWritten.lazySet(recordsWritten.get() + 1);
        if (syncPolicy == SyncPolicy.PER_EPISODE && record.type() == RecordType.EPISODE_END) {
            sync();
        }
    }

    @Override
    public void onClose() {
        if (syncPolicy != SyncPolicy.NONE && unsynced) {
            sync();
        }
        store.close();
    }

    @Override
    public String roleName() {
        return "experience-logger";
    }

    /**
     * @return records appended to the queue (GAP records written by this agent not included).
     */
    public long recordsWritten() {
        return recordsWritten.get();
    }

    /**
     * @return records dropped because the queue could not be written.
     */
    public long recordsDropped() {
        return recordsDropped.get();
    }

    /**
     * @return records retention deleted before the fleet receiver acknowledged them (the log over its size limit).
     */
    public long unshippedRecordsDeleted() {
        return store.unshippedRecordsDeleted();
    }

    /**
     * @return GAP records this agent wrote after write failures.
     */
    public long gapsWritten() {
        return gapsWritten.get();
    }

    private boolean writeGap(final long robotId, final long episodeId, final long timestampNs) {
        gap.robotId(robotId).episodeId(episodeId).timestampNs(timestampNs).stepIndex(pendingDrops).seal();
        if (!write(gapBuffer, 0, ExperienceRecordFlyweight.MARKER_LENGTH)) {
            return false;
        }
        pendingDrops = 0;
        gapsWritten.lazySet(gapsWritten.get() + 1);
        return true;
    }

    private boolean write(final MutableDirectBuffer buffer, final int index, final int length) {
        try {
            store.append(buffer, index, length);
            failing = false;
            unsynced = true;
            return true;
        } catch (final RuntimeException | InternalError ex) {
            onFailure("write", ex);
            return false;
        }
    }

    private void sync() {
        try {
            store.sync();
            unsynced = false;
        } catch (final RuntimeException | InternalError ex) {
            onFailure("sync", ex);
        }
    }

    private void drop() {
        pendingDrops++;
        recordsDropped.lazySet(recordsDropped.get() + 1);
    }

    private void onFailure(final String operation, final Throwable cause) {
        if (!failing) {
            failing = true;
            errorHandler.onError(new ExperienceLogException("experience log " + operation + " failed in "
                + directoryName + "; dropping records and counting them until a write succeeds", cause));
        }
    }
}
