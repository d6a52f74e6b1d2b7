package dev.sparring.controller.log;

import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import org.agrona.ErrorHandler;

/**
 * Deletes the oldest released cycle files of a queue beyond a size or an age limit. Runs when the queue releases a
 * cycle file (once per roll), on the thread that rolled: the logger's, never the control thread. The newest file is
 * never deleted.
 * <p>
 * While the fleet shipper's {@link ShippedAckFile} is in the directory, a file holding records after the index the
 * receiver acknowledged is not deleted for its age, only when the size limit is exceeded; then it is deleted and the
 * loss reported to the warning handler (cycles and records lost) and counted. Without the file: sizes and ages only.
 */
final class RetentionListener implements StoreFileListener {
    /** Suffix of Chronicle's cycle files. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private final File directory;
    private final long maxBytes;
    private final long maxAgeMs;
    private final LongSupplier epochClockMs;
    private final RollCycle rollCycle;
    private final DateTimeFormatter cycleNames;
    private final ErrorHandler warnings;
    private final AtomicLong unshippedRecordsDeleted = new AtomicLong();
    private final AtomicLong unshippedCyclesDeleted = new AtomicLong();
    private Runnable afterDelete = () -> { };

    /**
     * @param directory    the queue directory.
     * @param maxBytes     the most bytes of cycle files to keep, 0 for unlimited.
     * @param maxDays      the oldest file to keep in days since its last write, 0 for unlimited.
     * @param epochClockMs wall clock in ms (file ages are wall-clock times).
     * @param rollCycle    the queue's roll cycle (file names and indices; the queue's epoch is 0).
     * @param warnings     receives the report of unshipped records deleted.
     */
    RetentionListener(final File directory, final long maxBytes, final int maxDays, final LongSupplier epochClockMs,
        final RollCycle rollCycle, final ErrorHandler warnings) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxAgeMs = TimeUnit.DAYS.toMillis(maxDays);
        this.epochClockMs = epochClockMs;
        this.rollCycle = rollCycle;
        this.cycleNames = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        this.warnings = warnings;
    }

    /**
     * @param action run after files were deleted (the queue refreshes its directory listing, so that tailers, also
     *               in other processes, start at the oldest file left).
     * @return this.
     */
    RetentionListener afterDelete(final Runnable action) {
        this.afterDelete = action;
        return this;
    }

    @Override
    public void onReleased(final int cycle, final File file) {
        if (enforce() > 0) {
            afterDelete.run();
        }
    }

    /**
     * @return how many files were deleted.
     */
    int enforce() {
        if (maxBytes == 0 && maxAgeMs == 0) {
            return 0;
        }
        final File[] files = directory.listFiles((dir, name) -> name.endsWith(CYCLE_FILE_SUFFIX));
        if (files == null || files.length < 2) {
            return 0;
        }
        Arrays.sort(files, (a, b) -> a.getName().compareTo(b.getName()));
        long totalBytes = 0;
        for (int i = 0; i < files.length; i++) {
            totalBytes += files[i].length();
        }
        final long nowMs = epochClockMs.getAsLong();
        final long ackIndex = ShippedAckFile.read(directory.toPath());
        final String ackFileName = ackIndex >= 0 ? cycleFileName(rollCycle.toCycle(ackIndex)) : null;
        int deleted = 0;
        long lostRecords = 0;
        int lostCycles = 0;
        try (CycleFile cycleFile = ackIndex == ShippedAckFile.ABSENT ? null : new CycleFile()) {
            for (int i = 0; i < files.length - 1; i++) {
                final boolean tooBig = maxBytes > 0 && totalBytes > maxBytes;
                final boolean tooOld = maxAgeMs > 0 && nowMs - files[i].lastModified() > maxAgeMs;
                if (!tooBig && !tooOld) {
                    break;
                }
                final long unshipped = ackIndex == ShippedAckFile.ABSENT ? 0
                    : unshippedRecords(cycleFile, files[i], ackIndex, ackFileName);
                if (unshipped != 0 && !tooBig) {
                    break;
                }
                final long length = files[i].length();
                if (files[i].delete()) {
                    totalBytes -= length;
                    deleted++;
                    if (unshipped != 0) {
                        lostCycles++;
                        lostRecords += Math.max(unshipped, 0);
                    }
                }
            }
        }
        if (lostCycles > 0) {
            unshippedCyclesDeleted.addAndGet(lostCycles);
            unshippedRecordsDeleted.addAndGet(lostRecords);
            warnings.onError(new ExperienceLogException("experience log " + directory + " exceeded its size limit ("
                + maxBytes + " bytes, --log-max-gib): retention deleted " + lostCycles + " cycle file(s) holding "
                + lostRecords + " record(s) the fleet receiver had not acknowledged (" + ShippedAckFile.FILE_NAME
                + ": index " + (ackIndex >= 0 ? Long.toHexString(ackIndex) : "unreadable") + "); they are lost to the "
                + "trainers. Give the log more room (--log-max-gib) or check the shipper's link", null, false));
        }
        return deleted;
    }

    /**
     * @return how many records of a cycle file come after the acknowledged index: 0 when none, -1 when some but the
     * file does not say how many.
     */
    private long unshippedRecords(final CycleFile cycleFile, final File file, final long ackIndex,
        final String ackFileName) {
        final int order = ackFileName == null ? 1 : file.getName().compareTo(ackFileName);
        if (order < 0) {
            return 0;
        }
        long count;
        try {
            count = cycleFile.open(file.toPath()) == null ? cycleFile.excerptCount() : CycleFile.UNKNOWN;
        } catch (final java.io.UncheckedIOException e) {
            count = CycleFile.UNKNOWN;
        }
        if (count == CycleFile.UNKNOWN) {
            return -1;
        }
        return order > 0 ? count : Math.max(0, count - rollCycle.toSequenceNumber(ackIndex) - 1);
    }

    private String cycleFileName(final int cycle) {
        return cycleNames.format(Instant.ofEpochMilli((long) cycle * rollCycle.lengthInMillis())) + CYCLE_FILE_SUFFIX;
    }

    /**
     * @return records after the acknowledged index deleted because the size limit was exceeded (of files that say how
     * many records they hold).
     */
    long unshippedRecordsDeleted() {
        return unshippedRecordsDeleted.get();
    }

    /**
     * @return cycle files holding records after the acknowledged index deleted because the size limit was exceeded.
     */
    long unshippedCyclesDeleted() {
        return unshippedCyclesDeleted.get();
    }
}
