package dev.sparring.controller.log;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.agrona.ErrorHandler;

/**
 * Reads one robot's experience log for the trainer, {@code log inspect} and {@code log export}: from the start, from a
 * timestamp, within a time window {@code [t0, t1)}, one episode, or following the live log. {@link #poll} hands each
 * record to a handler through one reused flyweight over the reader's read window: nothing is allocated per record.
 * <p>
 * The reader walks the queue's cycle files through Chronicle's documented framing itself ({@link CycleFile}), not
 * through a Chronicle tailer, so that it sees damage instead of an early end: it compares what it finds with what
 * each file's header says was written. Damage never stops reading and is never silent; each place is a
 * {@link LogDamage} (file, byte position, bytes and records skipped) in {@link #damage()}, reported once through the
 * error handler:
 * <ul>
 * <li>a record that fails its checksum (format version 2), has a format version or type code this reader does not
 * know, or a length that disagrees with its header: skipped and counted;</li>
 * <li>zeros or garbage where the file's header says excerpts were written (bytes overwritten in place): skipped up to
 * the next excerpt that holds a valid record; the records lost are the file's own excerpt count minus those found;</li>
 * <li>a file cut short (copied while written, truncated by a full disk): the rest of the file is lost, reading goes
 * on with the next file;</li>
 * <li>a {@code *.cq4} file that is not a Chronicle cycle file (empty, foreign bytes): skipped whole.</li>
 * </ul>
 * Format version 1 records (no checksum) are still read; bytes changed inside one are not detected.
 */
public final class ExperienceLogReader implements AutoCloseable {
    /** The most damage entries kept per pass; more are counted, not kept. */
    public static final int MAX_DAMAGE_ENTRIES = 100;
    private static final int MAX_RECORD_LENGTH = ExperienceRecordFlyweight.length(0xFFFF, 0xFFFF, 0xFFFF);
    private static final int NOTHING = 0;
    private static final int SELECTED = 1;
    private static final int PASSED_OVER = 2;
    private static final int VALID = 0;
    private static final int TOO_SHORT = 1;
    private static final int UNKNOWN_VERSION = 2;
    private static final int UNKNOWN_TYPE = 3;
    private static final int WRONG_LENGTH = 4;
    private static final int BAD_CHECKSUM = 5;

    private final Path directory;
    private final ErrorHandler errorHandler;
    private final CycleFile file = new CycleFile();
    private final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
    private final List<LogDamage> damage = new ArrayList<>();
    private final Set<LogDamage> reported = new HashSet<>();

    private Path[] files;
    private int fileIndex;
    private boolean fileOpen;
    private long position;
    private long excerptPosition;
    private int excerptLength;
    private long excerptsSeen;
    private boolean fileDamaged;
    private boolean missingCounted;

    private long fromTimestampNs = Long.MIN_VALUE;
    private long untilTimestampNs = Long.MAX_VALUE;
    private long episodeId;
    private boolean episodeSelected;
    private boolean ended;
    private long damageFound;
    private long recordsSkipped;
    private long bytesSkipped;

    private ExperienceLogReader(final Path directory, final ErrorHandler errorHandler) {
        this.directory = directory;
        this.errorHandler = errorHandler;
        fromStart();
    }

    /**
     * Opens a log read-only, positioned at its start with no selection.
     *
     * @param directory    the queue directory.
     * @param errorHandler receives each damage found, once (up to {@link #MAX_DAMAGE_ENTRIES} per pass).
     * @return the reader.
     * @throws ExperienceLogException when the directory does not exist or holds no Chronicle queue files.
     */
    public static ExperienceLogReader open(final Path directory, final ErrorHandler errorHandler) {
        if (!Files.isDirectory(directory)) {
            throw new ExperienceLogException("experience log " + directory + " is not a directory");
        }
        if (cycleFiles(directory).length == 0) {
            throw new ExperienceLogException("experience log " + directory
                + " is not a Chronicle queue: no " + RetentionListener.CYCLE_FILE_SUFFIX + " cycle files in it");
        }
        return new ExperienceLogReader(directory, errorHandler);
    }

    /**
     * The {@code *.cq4} files of a queue directory that are not Chronicle cycle files (empty, foreign bytes):
     * Chronicle cannot append to a queue holding them, not even in a new cycle file (it waits on their header).
     *
     * @param directory a queue directory.
     * @return one damage entry per such file, empty when there is none.
     */
    static List<LogDamage> foreignFiles(final Path directory) {
        final List<LogDamage> foreign = new ArrayList<>();
        try (CycleFile file = new CycleFile()) {
            for (final Path path : cycleFiles(directory)) {
                final String problem = file.open(path);
                if (problem != null) {
                    foreign.add(new LogDamage(path, 0, 0, LogDamage.UNKNOWN, problem));
                }
            }
        }
        return foreign;
    }

    /**
     * What an appender would bury: the damage of the newest cycle file, read whole (appending goes there).
     *
     * @param directory a queue directory.
     * @return the damage found, empty when appending is safe (also when there are no cycle files).
     */
    static List<LogDamage> damageInNewestFile(final Path directory) {
        try (ExperienceLogReader reader = new ExperienceLogReader(directory, error -> { })) {
            if (reader.files.length == 0) {
                return List.of();
            }
            reader.fileIndex = reader.files.length - 2;
            while (reader.poll(record -> { }, Integer.MAX_VALUE) > 0) {
                continue;
            }
            return List.copyOf(reader.damage);
        }
    }

    /**
     * Rewinds to the first record, clears the selection and this pass's damage counts (damage already reported is
     * not reported again).
     *
     * @return this.
     */
    public ExperienceLogReader fromStart() {
        file.close();
        files = cycleFiles(directory);
        fileIndex = -1;
        fileOpen = false;
        fromTimestampNs = Long.MIN_VALUE;
        untilTimestampNs = Long.MAX_VALUE;
        episodeSelected = false;
        ended = false;
        damage.clear();
        damageFound = 0;
        recordsSkipped = 0;
        bytesSkipped = 0;
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
     * Hands the next selected records to the handler, passing over damage. Following a live log is polling again:
     * a poll that finds nothing new returns 0.
     *
     * @param handler receives each selected record.
     * @param limit   the most records to hand over.
     * @return how many records were handed over; 0 when nothing new is there or the selection has ended.
     * @throws UncheckedIOException when a cycle file cannot be read at all (permissions, I/O error).
     */
    public int poll(final ExperienceRecordHandler handler, final int limit) {
        int delivered = 0;
        while (delivered < limit && !ended) {
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
     * @return true when damage was found since the last rewind.
     */
    public boolean isDamaged() {
        return damageFound > 0;
    }

    /**
     * @return the damage found since the last rewind, in reading order (at most {@link #MAX_DAMAGE_ENTRIES}).
     */
    public List<LogDamage> damage() {
        return Collections.unmodifiableList(damage);
    }

    /**
     * @return places of damage found since the last rewind (also those beyond {@link #MAX_DAMAGE_ENTRIES}).
     */
    public long damageCount() {
        return damageFound;
    }

    /**
     * @return records lost since the last rewind: records skipped as bad, plus excerpts a file's header counts that
     * could not be found in it; a damaged file whose header does not say adds nothing here (see {@link #damage()}).
     */
    public long recordsSkipped() {
        return recordsSkipped;
    }

    /**
     * @return bytes passed over as damage since the last rewind.
     */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    @Override
    public void close() {
        file.close();
    }

    private int readNext() {
        if (!nextExcerpt()) {
            return NOTHING;
        }
        final long payload = excerptPosition + CycleFile.HEADER_BYTES;
        final int length = excerptLength;
        position = CycleFile.align(payload + length);
        record.wrap(file.window(), file.offsetOf(payload));
        final int check = check(length);
        if (check != VALID) {
            recordsSkipped++;
            addDamage(file.path(), excerptPosition, CycleFile.HEADER_BYTES + length, 1,
                "the record " + describe(check, length) + "; skipped");
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
    }

    /**
     * Moves to the next complete data excerpt, passing over metadata, damage and finished files.
     *
     * @return false when there is nothing more now (the live end of the newest file).
     */
    private boolean nextExcerpt() {
        while (true) {
            if (!fileOpen && !openNextFile()) {
                return false;
            }
            final long size = file.size();
            final long at = position;
            if (at + CycleFile.HEADER_BYTES > size) {
                if (!endOfFile(at)) {
                    return false;
                }
                continue;
            }
            final int header = file.readInt(at);
            if (header == CycleFile.END_OF_DATA) {
                finishFile();
                continue;
            }
            if (header == 0 || (header & CycleFile.NOT_COMPLETE) != 0) {
                if (!nothingComplete(at)) {
                    return false;
                }
                continue;
            }
            final int length = header & CycleFile.LENGTH_MASK;
            final long end = at + CycleFile.HEADER_BYTES + length;
            if (end > size) {
                truncated(at, size, "the file ends at byte " + size + " inside the " + length + "-byte excerpt "
                    + "that starts here");
                continue;
            }
            if ((header & CycleFile.META_DATA) != 0) {
                position = CycleFile.align(end);
                continue;
            }
            excerptsSeen++;
            if (length > MAX_RECORD_LENGTH) {
                recordsSkipped++;
                addDamage(file.path(), at, end - at, 1, "an excerpt of " + length + " bytes, longer than any "
                    + "record (" + MAX_RECORD_LENGTH + " bytes); skipped");
                position = CycleFile.align(end);
                continue;
            }
            file.has(at + CycleFile.HEADER_BYTES, length);
            excerptPosition = at;
            excerptLength = length;
            return true;
        }
    }

    /**
     * No complete document at {@code at} in the window: the live end of the file, a file its writer left, or damage
     * when the file's header says the writer wrote an excerpt here or later. The writer publishes its write position
     * after completing an excerpt's header, so the position is read first and the header again after it: a header
     * still missing then is missing for good.
     *
     * @return false when this is the live end (nothing more now).
     */
    private boolean nothingComplete(final long at) {
        final long writePosition = file.writePosition();
        final long size = file.size();
        file.refresh(at);
        final int header = file.readInt(at);
        if (header == CycleFile.END_OF_DATA || header != 0 && (header & CycleFile.NOT_COMPLETE) == 0) {
            return true;
        }
        if (writePosition >= at) {
            final long resumeAt = resync(at + CycleFile.HEADER_BYTES, Math.min(writePosition, size));
            final String found = header == 0 ? "zeros" : "an unfinished excerpt (header 0x"
                + Integer.toHexString(header) + ")";
            if (resumeAt >= 0) {
                addDamage(file.path(), at, resumeAt - at, 0, found + " where the writer wrote excerpts (up to byte "
                    + writePosition + "); reading resumed at byte " + resumeAt);
                position = resumeAt;
                return true;
            }
            if (writePosition + CycleFile.HEADER_BYTES > size) {
                truncated(at, size, found + ", then the file ends at byte " + size + " before the writer's last "
                    + "excerpt at byte " + writePosition);
            } else {
                addDamage(file.path(), at, writePosition - at, 0, found + " and no readable record up to the "
                    + "writer's last excerpt at byte " + writePosition + "; the rest of the file is skipped");
                finishFile();
            }
            return true;
        }
        return nextFileOrLiveEnd();
    }

    /**
     * The file ends at {@code at}: truncated when its header says the writer wrote there, else finished when a newer
     * file follows, else the live end.
     */
    private boolean endOfFile(final long at) {
        final long writePosition = file.writePosition();
        final long size = file.size();
        if (at + CycleFile.HEADER_BYTES <= size) {
            return true;
        }
        if (writePosition >= at) {
            truncated(at, size, "the file ends at byte " + size + " before the writer's last excerpt at byte "
                + writePosition);
            return true;
        }
        return nextFileOrLiveEnd();
    }

    /** Past this file's data: on to the next file, or, in the newest, the live end (what is missing is counted). */
    private boolean nextFileOrLiveEnd() {
        if (fileIndex < files.length - 1) {
            finishFile();
            return true;
        }
        countMissing();
        return false;
    }

    private void truncated(final long at, final long size, final String what) {
        addDamage(file.path(), at, size - at, 0, "truncated: " + what + "; the rest of the file is lost");
        finishFile();
    }

    /**
     * @return the first position in {@code [from, limit]} (4-byte aligned) holding a complete data excerpt with a
     * valid record, or -1.
     */
    private long resync(final long from, final long limit) {
        final long size = file.size();
        for (long at = from; at <= limit; at += Integer.BYTES) {
            final int header = file.readInt(at);
            if (header == 0 || (header & (CycleFile.NOT_COMPLETE | CycleFile.META_DATA)) != 0) {
                continue;
            }
            final int length = header & CycleFile.LENGTH_MASK;
            if (length < ExperienceRecordFlyweight.HEADER_LENGTH || length > MAX_RECORD_LENGTH
                || at + CycleFile.HEADER_BYTES + length > size
                || !file.has(at + CycleFile.HEADER_BYTES, length)) {
                continue;
            }
            record.wrap(file.window(), file.offsetOf(at + CycleFile.HEADER_BYTES));
            if (check(length) == VALID) {
                return at;
            }
        }
        return -1;
    }

    private boolean openNextFile() {
        while (true) {
            if (fileIndex + 1 >= files.length) {
                files = cycleFiles(directory);
                if (fileIndex + 1 >= files.length) {
                    return false;
                }
            }
            fileIndex++;
            final Path next = files[fileIndex];
            final String problem = file.open(next);
            if (problem == null) {
                position = file.dataStart();
                excerptsSeen = 0;
                fileDamaged = false;
                missingCounted = false;
                fileOpen = true;
                return true;
            }
            final long size = file.size();
            addDamage(next, 0, size, LogDamage.UNKNOWN, problem + "; the whole file is skipped");
            file.close();
        }
    }

    private void finishFile() {
        countMissing();
        file.close();
        fileOpen = false;
    }

    /**
     * Once per damaged file: the excerpts its header counts that were not found (lost in holes or past a cut).
     */
    private void countMissing() {
        if (!fileDamaged || missingCounted) {
            return;
        }
        missingCounted = true;
        final long expected = file.excerptCount();
        if (expected != CycleFile.UNKNOWN && expected > excerptsSeen) {
            recordsSkipped += expected - excerptsSeen;
            addDamage(file.path(), position, 0, expected - excerptsSeen, "the file's header counts " + expected
                + " excerpts, " + excerptsSeen + " were found");
        }
    }

    private void addDamage(final Path path, final long at, final long bytes, final long records, final String what) {
        damageFound++;
        bytesSkipped += bytes;
        fileDamaged = true;
        if (damage.size() < MAX_DAMAGE_ENTRIES) {
            final LogDamage found = new LogDamage(path, at, bytes, records, what);
            damage.add(found);
            if (reported.add(found)) {
                errorHandler.onError(new ExperienceLogException("experience log " + directory + ": " + found));
            }
        }
    }

    private int check(final int length) {
        if (length < ExperienceRecordFlyweight.HEADER_LENGTH) {
            return TOO_SHORT;
        }
        final int version = record.formatVersion();
        if (version < ExperienceRecordFlyweight.FORMAT_VERSION_WITHOUT_CHECKSUM
            || version > ExperienceRecordFlyweight.FORMAT_VERSION) {
            return UNKNOWN_VERSION;
        }
        if (record.type() == null) {
            return UNKNOWN_TYPE;
        }
        if (record.length() != length) {
            return WRONG_LENGTH;
        }
        return record.isChecksumValid() ? VALID : BAD_CHECKSUM;
    }

    private String describe(final int check, final int length) {
        return switch (check) {
            case TOO_SHORT -> "is " + length + " bytes, shorter than the " + ExperienceRecordFlyweight.HEADER_LENGTH
                + "-byte header";
            case UNKNOWN_VERSION -> "has format version " + record.formatVersion() + "; this reader knows versions "
                + ExperienceRecordFlyweight.FORMAT_VERSION_WITHOUT_CHECKSUM + " to "
                + ExperienceRecordFlyweight.FORMAT_VERSION;
            case UNKNOWN_TYPE -> "has an unknown record type";
            case WRONG_LENGTH -> "is " + length + " bytes but its header says " + record.length();
            default -> "fails its CRC-32C checksum (stored 0x" + Integer.toHexString(record.checksum()) + ")";
        };
    }

    private static Path[] cycleFiles(final Path directory) {
        final File[] found = directory.toFile()
            .listFiles((dir, name) -> name.endsWith(RetentionListener.CYCLE_FILE_SUFFIX));
        if (found == null) {
            return new Path[0];
        }
        Arrays.sort(found);
        final Path[] paths = new Path[found.length];
        for (int i = 0; i < found.length; i++) {
            paths[i] = found[i].toPath();
        }
        return paths;
    }
}
