package dev.sparring.controller.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A Chronicle queue holding one excerpt per record: the record's bytes exactly, copied with raw 8- and 4-byte writes
 * into the excerpt's {@link Bytes} (native order on both sides, so the little-endian layout is kept byte for byte).
 * No objects per record: Chronicle reuses its document context, and the copy is primitive reads and writes.
 * <p>
 * {@link #sync()} is the appender's msync up to the last write; Chronicle makes it a no-op unless the queue was
 * built with a sync mode, so any policy other than {@link SyncPolicy#NONE} builds it with {@link SyncMode#SYNC}
 * (msync with MS_SYNC: the call returns when the pages are on the device).
 * <p>
 * A failed append (a full disk shows as a bus error on the memory-mapped file, which the JVM turns into an
 * {@link InternalError}) closes the appender and throws one exception naming the directory and the free space; for
 * the next {@value #RETRY_INTERVAL_MS} ms appends throw a preallocated exception without touching Chronicle, then one
 * append tries again with a new appender (which resumes at the queue's write position when space is back). So a full
 * disk costs one Chronicle attempt a second, not one per record.
 */
final class ChronicleRecordStore implements RecordStore {
    /** How long appends fail fast after a failed append before one tries again. */
    static final long RETRY_INTERVAL_MS = 1000;

    private final SingleChronicleQueue queue;
    private final Path directory;
    private final NanoClock clock;
    private final ExperienceLogException stillFailing;
    private final RetentionListener retention;
    private ExcerptAppender appender;
    private boolean failed;
    private long retryAtNs;

    /**
     * Opens (or creates) the queue.
     *
     * @param config   the log's settings.
     * @param warnings receives what retention deleted that the fleet receiver had not acknowledged.
     */
    ChronicleRecordStore(final ExperienceLogConfig config, final ErrorHandler warnings) {
        this(config, SystemTimeProvider.INSTANCE, SystemNanoClock.INSTANCE, warnings);
    }

    /**
     * Opens (or creates) the queue with a given wall clock, which decides the cycle (file) a record goes to; never a
     * cycle before the newest file, so records always go to the end of the queue (also after the clock stepped back
     * or after {@link ExperienceLogConfig#continueAfterDamage()} started a cycle ahead of the clock).
     *
     * @param config       the log's settings.
     * @param timeProvider the queue's wall clock.
     * @param clock        the clock of the retries after a failed append.
     * @param warnings     receives what retention deleted that the fleet receiver had not acknowledged.
     * @throws ExperienceLogException before anything is written, naming the directory and what to do: when the
     *                                directory cannot be made or written, or the queue is damaged (see
     *                                {@link ExperienceLogReader}) and the config does not say to continue after it.
     */
    ChronicleRecordStore(final ExperienceLogConfig config, final TimeProvider timeProvider, final NanoClock clock,
        final ErrorHandler warnings) {
        ChronicleSettings.disableAnalytics();
        final Path directory = config.directory();
        this.directory = directory;
        this.clock = clock;
        this.stillFailing = new ExperienceLogException("experience log " + directory + " is still failing; the next "
            + "attempt is at most " + RETRY_INTERVAL_MS + " ms away", null, false);
        prepareDirectory(directory);
        final List<LogDamage> foreign = ExperienceLogReader.foreignFiles(directory);
        if (!foreign.isEmpty()) {
            throw new ExperienceLogException("experience log " + directory + " holds " + foreign.size() + " file(s) "
                + "that are not Chronicle cycle files, and Chronicle cannot append to a queue holding them (not even "
                + "in a new cycle file): " + foreign.getFirst() + ". Move them out of the directory, or log to a new "
                + "directory");
        }
        final List<LogDamage> damage = ExperienceLogReader.damageInNewestFile(directory);
        if (!damage.isEmpty() && !config.continueAfterDamage()) {
            throw new ExperienceLogException("experience log " + directory + " is damaged, so records appended to it "
                + "could be buried behind the damage: " + damage.getFirst()
                + (damage.size() > 1 ? " (and " + (damage.size() - 1) + " more)" : "") + ". Move the directory "
                + "aside (its readable records stay readable: sparring log inspect " + directory + "), or log to a "
                + "new directory, or continue this queue in a new cycle file with --log-continue-after-damage");
        }
        final CycleFloor cycleClock = new CycleFloor(timeProvider);
        retention = new RetentionListener(directory.toFile(), config.retentionMaxBytes(), config.retentionMaxDays(),
            timeProvider::currentTimeMillis, config.rollCycle(), warnings);
        try {
            this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(config.rollCycle())
                .timeProvider(cycleClock)
                .storeFileListener(retention)
                .syncMode(config.syncPolicy() == SyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
                .build();
        } catch (final RuntimeException e) {
            throw new ExperienceLogException("experience log " + directory + " cannot be opened for writing: " + e,
                e);
        }
        final int newestCycle = queue.lastCycle();
        if (newestCycle != Integer.MIN_VALUE) {
            cycleClock.floorMs(queue.epoch() + (long) (damage.isEmpty() ? newestCycle : newestCycle + 1)
                * queue.rollCycle().lengthInMillis());
        }
        retention.afterDelete(this::refreshDirectoryListing);
    }

    /**
     * Makes the directory if missing and proves it writable by creating and deleting a file in it (permission bits
     * alone do not tell, e.g. for root or a read-only mount).
     */
    private static void prepareDirectory(final Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ExperienceLogException("experience log " + directory + " is a file, not a directory: give the "
                + "log a directory (it is created when missing)");
        }
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".write-probe", ".tmp"));
        } catch (final IOException e) {
            throw new ExperienceLogException("experience log " + directory + " cannot be written ("
                + ExperienceLogException.reason(e) + "); choose a directory this user can create files in", e);
        }
    }
    @Override
    public void open() {
        if (appender == null) {
            appender = queue.createAppender();
        }
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length) {
        if (failed && clock.nanoTime() - retryAtNs < 0) {
            throw stillFailing;
        }
        try {
            if (appender == null) {
                appender = queue.createAppender();
            }
            write(appender, buffer, offset, length);
            failed = false;
        } catch (final RuntimeException | InternalError ex) {
            failed = true;
            retryAtNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_INTERVAL_MS);
            closeAppender();
            throw new ExperienceLogException("appending to " + directory + " failed (" + freeSpace() + ")", ex);
        }
    }

    @Override
    public long unshippedRecordsDeleted() {
        return retention.unshippedRecordsDeleted();
    }

    @Override
    public void sync() {
        if (appender != null) {
            appender.sync();
        }
    }

    private static void write(final ExcerptAppender appender, final DirectBuffer buffer, final int offset,
        final int length) {
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

    private void closeAppender() {
        if (appender != null) {
            try {
                appender.close();
            } catch (final RuntimeException | InternalError ignored) {
                // the appender is dropped either way; the append's own failure is what gets reported
            }
            appender = null;
        }
    }

    private String freeSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace() + " bytes free on its file system";
        } catch (final IOException e) {
            return "free space unknown: " + ExperienceLogException.reason(e);
        }
    }

    @Override
    public void close() {
        closeAppender();
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

    /**
     * The queue's clock: the wall clock, but never before the start of a given cycle, so that Chronicle appends to
     * that cycle's file or a later one.
     */
    private static final class CycleFloor implements TimeProvider {
        private final TimeProvider wallClock;
        private volatile long floorMs = Long.MIN_VALUE;

        CycleFloor(final TimeProvider wallClock) {
            this.wallClock = wallClock;
        }

        void floorMs(final long value) {
            floorMs = value;
        }

        @Override
        public long currentTimeMillis() {
            return Math.max(wallClock.currentTimeMillis(), floorMs);
        }
    }
}
