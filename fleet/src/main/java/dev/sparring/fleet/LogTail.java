package dev.sparring.fleet;

import dev.sparring.controller.log.ChronicleSettings;
import dev.sparring.controller.log.ExperienceLogConfig;

import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * The shipper's read side of a robot's experience log: a read-only Chronicle tailer that hands over each excerpt's
 * raw bytes with the excerpt's index, positioned after the last index the receiver persisted. It reads records as
 * bytes (no decoding): the receiver's copy holds them unchanged, and damage is the readers' business on both sides.
 */
final class LogTail implements AutoCloseable {
    /** How a resume went. */
    enum Resume {
        /** Positioned just after the index (or at the start for {@link FleetMessageFlyweight#NULL_INDEX}). */
        AFTER_INDEX,
        /** The index is older than the log's first record (retention deleted the records after it): at the start. */
        INDEX_DELETED,
        /** The log does not hold the index and it is not older than the log: a different log; not positioned. */
        INDEX_UNKNOWN
    }

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private long lastIndex = FleetMessageFlyweight.NULL_INDEX;

    /**
     * Opens a robot's log for reading.
     *
     * @param directory the queue directory the controller logs to ({@code run --log DIR}).
     * @throws IllegalArgumentException when the directory holds no queue, naming it and what to do.
     */
    LogTail(final Path directory) {
        ChronicleSettings.disableAnalytics();
        if (!Files.isDirectory(directory) || !Files.exists(directory.resolve("metadata.cq4t"))) {
            throw new IllegalArgumentException("no experience log in " + directory + ": give the directory the "
                + "controller logs to (run --log DIR); it must exist before shipping starts");
        }
        queue = SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true)
            .rollCycle(ExperienceLogConfig.DEFAULT_ROLL_CYCLE).build();
        tailer = queue.createTailer();
    }

    /**
     * @return the log's first index now, or {@link FleetMessageFlyweight#NULL_INDEX} when it holds no record.
     */
    long firstIndex() {
        final long first = queue.firstIndex();
        return first == Long.MAX_VALUE ? FleetMessageFlyweight.NULL_INDEX : first;
    }

    /**
     * Positions the tail after an index.
     *
     * @param index the last index the receiver holds, or {@link FleetMessageFlyweight#NULL_INDEX} for none.
     * @return how it went.
     */
    Resume resumeAfter(final long index) {
        if (index == FleetMessageFlyweight.NULL_INDEX) {
            tailer.toStart();
            return Resume.AFTER_INDEX;
        }
        if (tailer.moveToIndex(index)) {
            try (DocumentContext context = tailer.readingDocument()) {
                if (context.isPresent() && context.index() == index) {
                    return Resume.AFTER_INDEX;
                }
            }
        }
        final long first = firstIndex();
        if (first == FleetMessageFlyweight.NULL_INDEX || index < first) {
            tailer.toStart();
            return Resume.INDEX_DELETED;
        }
        return Resume.INDEX_UNKNOWN;
    }

    /**
     * Reads the next record, if one is there.
     *
     * @param to     receives the record's bytes; grown when too small.
     * @param offset where the first byte goes.
     * @return the record's length, or 0 when there is nothing new; {@link #lastIndex()} is its index.
     */
    int next(final ExpandableArrayBuffer to, final int offset) {
        try (DocumentContext context = tailer.readingDocument()) {
            if (!context.isPresent()) {
                return 0;
            }
            final Bytes<?> bytes = context.wire().bytes();
            final int length = (int) bytes.readRemaining();
            to.checkLimit(offset + length);
            ChronicleBytes.read(bytes, length, to, offset);
            lastIndex = context.index();
            return length;
        }
    }

    /**
     * @return the index of the record {@link #next} read last.
     */
    long lastIndex() {
        return lastIndex;
    }

    /**
     * @param index a record's index, or {@link FleetMessageFlyweight#NULL_INDEX}.
     * @return how many records the log holds after it.
     */
    long countAfter(final long index) {
        final long last = queue.lastIndex();
        if (last < 0 || index != FleetMessageFlyweight.NULL_INDEX && index >= last) {
            return 0;
        }
        if (index == FleetMessageFlyweight.NULL_INDEX || index < queue.firstIndex()) {
            return queue.entryCount();
        }
        return queue.countExcerpts(index, last);
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
