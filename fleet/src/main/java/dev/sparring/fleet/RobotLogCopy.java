package dev.sparring.fleet;

import dev.sparring.controller.log.ChronicleSettings;
import dev.sparring.controller.log.ExperienceLogConfig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * One robot's copy of its experience log on the trainer host: a Chronicle queue with the robot log's settings (roll
 * cycle, one excerpt per record, the record's bytes unchanged), so {@code ExperienceLogReader} and co-learning read it
 * as they read a local log.
 * <p>
 * Each record's source index (its index in the robot's log) is written just before it, in a 16-byte Chronicle
 * metadata excerpt ({@link #SOURCE_INDEX_MAGIC}, index), which readers of data excerpts pass over. So the copy itself
 * says which source records it holds, with no second file to keep in step: on opening, the last data excerpt and the
 * source-index excerpt before it give the last source index held, also after the receiver was killed between the two
 * writes (a source index with no record after it is ignored). Records synced are durable; records only written
 * survive a process crash (the pages belong to the OS), and the recovery reads what is there either way.
 */
final class RobotLogCopy implements AutoCloseable {
    /** First 8 bytes of a source-index excerpt: "SPRGSRC1" in ASCII, little-endian. */
    static final long SOURCE_INDEX_MAGIC = 0x3143525347525053L;
    private static final int SOURCE_INDEX_EXCERPT_BYTES = 2 * Long.BYTES;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Path directory;
    private final long recoveredIndex;
    private long lastIndex;

    /**
     * Opens (or creates) a robot's copy and recovers the last source index it holds.
     *
     * @param directory the robot's directory under the receiver's output directory.
     * @throws IllegalStateException when the directory holds records that were not written by a receiver (no source
     *                               index before them), naming it.
     */
    RobotLogCopy(final Path directory) {
        ChronicleSettings.disableAnalytics();
        this.directory = directory;
        queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(ExperienceLogConfig.DEFAULT_ROLL_CYCLE)
            .syncMode(SyncMode.SYNC)
            .build();
        recoveredIndex = recover();
        lastIndex = recoveredIndex;
        syncNewestFiles();
        appender = queue.createAppender();
    }

    /**
     * @return the last source index the copy held when opened (synced to the device by then),
     * {@link FleetMessageFlyweight#NULL_INDEX} when none.
     */
    long recoveredIndex() {
        return recoveredIndex;
    }

    /**
     * @return the source index of the last record appended.
     */
    long lastIndex() {
        return lastIndex;
    }

    /**
     * Appends a record after its source index.
     *
     * @param buffer      holds the record.
     * @param offset      its first byte.
     * @param length      its length.
     * @param sourceIndex its index in the robot's log.
     */
    void append(final DirectBuffer buffer, final int offset, final int length, final long sourceIndex) {
        try (DocumentContext context = appender.writingDocument(true)) {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.writeLong(SOURCE_INDEX_MAGIC);
            bytes.writeLong(sourceIndex);
        }
        try (DocumentContext context = appender.writingDocument()) {
            ChronicleBytes.write(buffer, offset, length, context.wire().bytes());
        }
        lastIndex = sourceIndex;
    }

    /**
     * Forces what was appended to the storage device.
     */
    void sync() {
        appender.sync();
    }

    /**
     * Forces the newest two cycle files to the device, so the records recovered (which a killed receiver may have
     * written but not synced; they sync at most one sync interval late, so they lie in the newest file or the one
     * before a roll) are durable before they are acknowledged.
     */
    private void syncNewestFiles() {
        final File[] files = directory.toFile().listFiles((dir, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        if (files == null) {
            return;
        }
        Arrays.sort(files);
        for (int i = Math.max(0, files.length - 2); i < files.length; i++) {
            try (FileChannel channel = FileChannel.open(files[i].toPath(), StandardOpenOption.READ)) {
                channel.force(true);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot sync " + files[i] + " of robot log copy " + directory, e);
            }
        }
    }

    /**
     * Walks back cycle by cycle from the newest to the first holding a record, reading it forward with metadata: the
     * source index excerpt last seen before the last record is the answer.
     */
    private long recover() {
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
            return FleetMessageFlyweight.NULL_INDEX;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            for (int cycle = last; cycle >= first; cycle--) {
                if (!tailer.moveToCycle(cycle)) {
                    continue;
                }
                final long found = lastSourceIndexFrom(tailer);
                if (found != FleetMessageFlyweight.NULL_INDEX) {
                    return found;
                }
            }
        }
        return FleetMessageFlyweight.NULL_INDEX;
    }

    private long lastSourceIndexFrom(final ExcerptTailer tailer) {
        long pending = FleetMessageFlyweight.NULL_INDEX;
        long found = FleetMessageFlyweight.NULL_INDEX;
        while (true) {
            try (DocumentContext context = tailer.readingDocument(true)) {
                if (!context.isPresent()) {
                    return found;
                }
                final Bytes<?> bytes = context.wire().bytes();
                if (context.isMetaData()) {
                    if (bytes.readRemaining() == SOURCE_INDEX_EXCERPT_BYTES
                        && bytes.readLong(bytes.readPosition()) == SOURCE_INDEX_MAGIC) {
                        pending = bytes.readLong(bytes.readPosition() + Long.BYTES);
                    }
                    continue;
                }
                if (pending == FleetMessageFlyweight.NULL_INDEX) {
                    throw new IllegalStateException("robot log copy " + directory + " holds a record (excerpt "
                        + Long.toHexString(context.index()) + ") with no source index before it: it was not written "
                        + "by the fleet receiver; move it aside or give the receiver another --out directory");
                }
                found = pending;
                pending = FleetMessageFlyweight.NULL_INDEX;
            }
        }
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
