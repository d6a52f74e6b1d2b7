package dev.sparring.controller.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * A Chronicle queue holding one excerpt per record: the record's bytes exactly, copied with raw 8- and 4-byte writes
 * into the excerpt's {@link Bytes} (native order on both sides, so the little-endian layout is kept byte for byte).
 * No objects per record: Chronicle reuses its document context, and the copy is primitive reads and writes.
 * <p>
 * {@link #sync()} is the appender's msync up to the last write; Chronicle makes it a no-op unless the queue was
 * built with a sync mode, so any policy other than {@link SyncPolicy#NONE} builds it with {@link SyncMode#SYNC}
 * (msync with MS_SYNC: the call returns when the pages are on the device).
 */
final class ChronicleRecordStore implements RecordStore {
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;

    /**
     * Opens (or creates) the queue.
     *
     * @param config the log's settings.
     */
    ChronicleRecordStore(final ExperienceLogConfig config) {
        this(config, SystemTimeProvider.INSTANCE);
    }

    /**
     * Opens (or creates) the queue with a given wall clock, which decides the cycle (file) a record goes to.
     *
     * @param config       the log's settings.
     * @param timeProvider the queue's wall clock.
     */
    ChronicleRecordStore(final ExperienceLogConfig config, final TimeProvider timeProvider) {
        ChronicleSettings.disableAnalytics();
        final RetentionListener retention = new RetentionListener(config.directory().toFile(),
            config.retentionMaxBytes(), config.retentionMaxDays(), timeProvider::currentTimeMillis);
        this.queue = SingleChronicleQueueBuilder.single(config.directory().toFile())
            .rollCycle(config.rollCycle())
            .timeProvider(timeProvider)
            .storeFileListener(retention)
            .syncMode(config.syncPolicy() == SyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
            .build();
        retention.afterDelete(this::refreshDirectoryListing);
    }

    @Override
    public void open() {
        if (appender == null) {
            appender = queue.createAppender();
        }
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length) {
        final ExcerptAppender appender = this.appender;
        try (DocumentContext context = appender.writingDocument()) {
            try {
                final Bytes<?> bytes = context.wire().bytes();
                final int longsEnd = offset + (length & ~7);
                int i = offset;
                for (; i < longsEnd; i += Long.BYTES) {
                    bytes.writeLong(buffer.getLong(i));
                }
                if (i < offset + length) {
                    bytes.writeInt(buffer.getInt(i));
                }
            } catch (final RuntimeException | Error ex) {
                context.rollbackOnClose();
                throw ex;
            }
        }
    }

    @Override
    public void sync() {
        appender.sync();
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        // Closing the appender releases its cycle file on Chronicle's background releaser thread, which runs the
        // retention listener; let that finish while the queue is still open, so the directory listing that
        // readers start from is refreshed after any deletion.
        BackgroundResourceReleaser.releasePendingResources();
        queue.close();
    }

    /** Called after retention deleted files; the listener may run on Chronicle's releaser thread. */
    private void refreshDirectoryListing() {
        if (!queue.isClosed()) {
            queue.refreshDirectoryListing();
        }
    }
}
