package dev.sparring.controller.log;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads one robot's experience log for the trainer: from the start, from a timestamp, within a time window
 * {@code [t0, t1)}, one episode, or following the live log. {@link #poll} hands each record to a handler through one
 * reused flyweight over one reused buffer: nothing is allocated per record.
 * <p>
 * Bad records are skipped and counted, never returned: a record whose format version this reader does not know,
 * whose type code is unknown, or whose length disagrees with its header. The first skip is reported through the
 * error handler with the record's queue index and the reason; {@link #recordsSkipped()} counts all of them. A
 * truncated last file (an excerpt ending past the file's end) or an excerpt Chronicle cannot read ends reading at
 * the damage: the records before it are returned, the damage is reported once, and {@link #isDamaged()} turns
 * true. Format version 1 carries no checksum: bytes changed in place, inside the file, are not detected.
 */
public final class ExperienceLogReader implements AutoCloseable {
    private static final int INITIAL_CAPACITY = 4096;
    private static final int NOTHING = 0;
    private static final int SELECTED = 1;
    private static final int PASSED_OVER = 2;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ErrorHandler errorHandler;
    private final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[INITIAL_CAPACITY]);

    private long fromTimestampNs = Long.MIN_VALUE;
    private long untilTimestampNs = Long.MAX_VALUE;
    private long episodeId;
    private boolean episodeSelected;
    private boolean ended;
    private boolean damaged;
    private boolean skipReported;
    private long recordsSkipped;
    private int knownCycle = Integer.MIN_VALUE;
    private long knownFileLength;

    private ExperienceLogReader(final Path directory, final SingleChronicleQueue queue,
        final ErrorHandler errorHandler) {
        this.directory = directory;
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.errorHandler = errorHandler;
        fromStart();
    }

    /**
     * Opens a log read-only, positioned at its start with no selection.
     *
     * @param directory    the queue directory.
     * @param errorHandler receives the first skipped record's reason and a damaged file's cause.
     * @return the reader.
     * @throws ExperienceLogException when the directory does not exist or holds no Chronicle queue files.
     */
    public static ExperienceLogReader open(final Path directory, final ErrorHandler errorHandler) {
        if (!Files.isDirectory(directory)) {
            throw new ExperienceLogException("experience log " + directory + " is not a directory");
        }
        final File[] cycleFiles = directory.toFile()
            .listFiles((dir, name) -> name.endsWith(RetentionListener.CYCLE_FILE_SUFFIX));
        if (cycleFiles == null || cycleFiles.length == 0) {
            throw new ExperienceLogException("experience log " + directory
                + " is not a Chronicle queue: no " + RetentionListener.CYCLE_FILE_SUFFIX + " cycle files in it");
        }
        ChronicleSettings.disableAnalytics();
        final SingleChronicleQueue queue;
        try {
            queue = SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true)
                .rollCycle(QueueRollCycle.of(cycleFiles, ExperienceLogConfig.DEFAULT_ROLL_CYCLE)).build();
        } catch (final RuntimeException ex) {
            throw new ExperienceLogException("experience log " + directory + " cannot be opened as a queue", ex);
        }
        return new ExperienceLogReader(directory, queue, errorHandler);
    }

    /**
     * Rewinds to the first record and clears the selection.
     *
     * @return this.
     */
    public ExperienceLogReader fromStart() {
        queue.refreshDirectoryListing();
        tailer.toStart();
        fromTimestampNs = Long.MIN_VALUE;
        untilTimestampNs = Long.MAX_VALUE;
        episodeSelected = false;
        ended = false;
        return this;
    }

    /**
     * Rewinds and selects records with a timestamp at or after {@code timestampNs}.
     *
     * @param timestampNs the first timestamp wanted (monotonic ns, as recorded).
     * @return this.
     */
    public ExperienceLogReader fromTimestamp(final long timestampNs) {
        fromStart();
        fromTimestampNs = timestampNs;
        return this;
    }

    /**
     * Rewinds and selects records with {@code t0Ns <= timestamp < t1Ns}; reading ends at the first record at or
     * after {@code t1Ns} (records are appended in timestamp order).
     *
     * @param t0Ns first timestamp wanted.
     * @param t1Ns first timestamp not wanted.
     * @return this.
     */
    public ExperienceLogReader window(final long t0Ns, final long t1Ns) {
        if (t1Ns < t0Ns) {
            throw new IllegalArgumentException("window t1Ns must be >= t0Ns, was t0Ns=" + t0Ns + " t1Ns=" + t1Ns);
        }
        fromStart();
        fromTimestampNs = t0Ns;
        untilTimestampNs = t1Ns;
        return this;
    }

    /**
     * Rewinds and selects the records of one episode (its start marker, steps, gaps and end marker); reading ends
     * after the episode's end marker.
     *
     * @param id the episode id.
     * @return this.
     */
    public ExperienceLogReader episode(final long id) {
        fromStart();
        episodeId = id;
        episodeSelected = true;
        return this;
    }

    /**
     * Hands the next selected records to the handler. Following a live log is polling again: a poll that finds
     * nothing new returns 0.
     *
     * @param handler receives each selected record.
     * @param limit   the most records to hand over.
     * @return how many records were handed over; 0 when nothing new is there or the selection has ended.
     */
    public int poll(final ExperienceRecordHandler handler, final int limit) {
        int delivered = 0;
        while (delivered < limit && !ended && !damaged) {
            final int outcome = readNext();
            if (outcome == NOTHING) {
                break;
            }
            if (outcome == SELECTED) {
                handler.onRecord(record);
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * @return true when a window's end or a selected episode's end marker was reached.
     */
    public boolean isSelectionEnded() {
        return ended;
    }

    /**
     * @return true when reading stopped at a damaged excerpt; the records before it were returned.
     */
    public boolean isDamaged() {
        return damaged;
    }

    /**
     * @return records skipped (unknown format version or type, length disagreeing with the header).
     */
    public long recordsSkipped() {
        return recordsSkipped;
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }

    private int readNext() {
        try (DocumentContext context = tailer.readingDocument()) {
            if (!context.isPresent()) {
                return NOTHING;
            }
            final Bytes<?> bytes = context.wire().bytes();
            if (isBeyondEndOfFile(bytes.readLimit())) {
                damaged = true;
                errorHandler.onError(new ExperienceLogException("experience log " + directory + " file "
                    + tailer.currentFile() + " is truncated inside the excerpt at index 0x"
                    + Long.toHexString(tailer.index()) + "; records before it were returned"));
                return NOTHING;
            }
            final int length = (int) bytes.readRemaining();
            copy(bytes, length);
            if (!isValid(length)) {
                return PASSED_OVER;
            }
            final long timestampNs = record.timestampNs();
            if (timestampNs >= untilTimestampNs) {
                ended = true;
                return PASSED_OVER;
            }
            if (timestampNs < fromTimestampNs || (episodeSelected && record.episodeId() != episodeId)) {
                return PASSED_OVER;
            }
            if (episodeSelected && record.type() == RecordType.EPISODE_END) {
                ended = true;
            }
            return SELECTED;
        } catch (final RuntimeException | InternalError ex) {
            damaged = true;
            errorHandler.onError(new ExperienceLogException("experience log " + directory
                + " is damaged after index 0x" + Long.toHexString(tailer.index())
                + "; records before it were returned", ex));
            return NOTHING;
        }
    }

    /**
     * A cycle file cut short (copied while written, truncated by a full disk) maps as zeros past its end: an excerpt
     * ending beyond the file's length is damaged. The length is looked up again only when an excerpt ends past the
     * last known length (a new cycle, or a live file the writer extended), so not per record.
     */
    private boolean isBeyondEndOfFile(final long excerptEnd) {
        if (tailer.cycle() != knownCycle || excerptEnd > knownFileLength) {
            knownCycle = tailer.cycle();
            knownFileLength = tailer.currentFile().length();
        }
        return excerptEnd > knownFileLength;
    }

    private void copy(final Bytes<?> bytes, final int length) {
        if (buffer.capacity() < length) {
            buffer.wrap(new byte[Math.max(length, buffer.capacity() * 2)]);
        }
        final UnsafeBuffer buffer = this.buffer;
        final int longsEnd = length & ~7;
        int i = 0;
        for (; i < longsEnd; i += Long.BYTES) {
            buffer.putLong(i, bytes.readLong());
        }
        if (i + Integer.BYTES <= length) {
            buffer.putInt(i, bytes.readInt());
            i += Integer.BYTES;
        }
        for (; i < length; i++) {
            buffer.putByte(i, bytes.readByte());
        }
        record.wrap(buffer, 0);
    }

    private boolean isValid(final int length) {
        if (length < ExperienceRecordFlyweight.HEADER_LENGTH) {
            skip("is " + length + " bytes, shorter than the " + ExperienceRecordFlyweight.HEADER_LENGTH
                + "-byte header");
            return false;
        }
        final int version = record.formatVersion();
        if (version != ExperienceRecordFlyweight.FORMAT_VERSION) {
            skip("has format version " + version + "; this reader knows version "
                + ExperienceRecordFlyweight.FORMAT_VERSION);
            return false;
        }
        if (record.type() == null) {
            skip("has an unknown record type");
            return false;
        }
        if (record.length() != length) {
            skip("is " + length + " bytes but its header says " + record.length());
            return false;
        }
        return true;
    }

    private void skip(final String reason) {
        recordsSkipped++;
        if (!skipReported) {
            skipReported = true;
            errorHandler.onError(new ExperienceLogException("experience log " + directory + ": record at index 0x"
                + Long.toHexString(tailer.index()) + " " + reason + "; skipped (later skips are only counted)"));
        }
    }
}
