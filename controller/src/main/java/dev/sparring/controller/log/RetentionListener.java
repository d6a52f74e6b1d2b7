package dev.sparring.controller.log;

import java.io.File;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import net.openhft.chronicle.queue.impl.StoreFileListener;

/**
 * Deletes the oldest released cycle files of a queue beyond a size or an age limit. Runs when the queue releases a
 * cycle file (once per roll), on the thread that rolled: the logger's, never the control thread. The newest file is
 * never deleted.
 */
final class RetentionListener implements StoreFileListener {
    /** Suffix of Chronicle's cycle files. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private final File directory;
    private final long maxBytes;
    private final long maxAgeMs;
    private final LongSupplier epochClockMs;
    private Runnable afterDelete = () -> { };

    /**
     * @param directory    the queue directory.
     * @param maxBytes     the most bytes of cycle files to keep, 0 for unlimited.
     * @param maxDays      the oldest file to keep in days since its last write, 0 for unlimited.
     * @param epochClockMs wall clock in ms (file ages are wall-clock times).
     */
    RetentionListener(final File directory, final long maxBytes, final int maxDays, final LongSupplier epochClockMs) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxAgeMs = TimeUnit.DAYS.toMillis(maxDays);
        this.epochClockMs = epochClockMs;
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
        int deleted = 0;
        for (int i = 0; i < files.length - 1; i++) {
            final boolean tooBig = maxBytes > 0 && totalBytes > maxBytes;
            final boolean tooOld = maxAgeMs > 0 && nowMs - files[i].lastModified() > maxAgeMs;
            if (!tooBig && !tooOld) {
                break;
            }
            final long length = files[i].length();
            if (files[i].delete()) {
                totalBytes -= length;
                deleted++;
            }
        }
        return deleted;
    }
}
