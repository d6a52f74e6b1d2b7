package dev.sparring.controller.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One Chronicle Queue cycle file ({@code *.cq4}) read through its framing, without Chronicle: a sequence of
 * documents, each a 32-bit little-endian header word then its payload, the next header at the next 4-byte aligned
 * position. The header word's low 30 bits are the payload length, bit 30 marks a metadata document (the queue's own
 * header and indexes), bit 31 a document still being written; 0 means nothing written there yet, and
 * {@code 0xC0000000} marks the end of a finished file. The first document is the store header (binary wire,
 * {@code header: !SCQStore {writePosition: [...], indexing: !SCQSIndexing {indexCount, indexSpacing, ...}, ...}}),
 * whose {@code writePosition} says where the last excerpt was written and how many excerpts the file holds; a reader
 * compares it with what it found to tell the end of the data from damage. Documented in {@code docs/formats.md}.
 * <p>
 * Reads go through one reused direct window (positional reads, so a file cut short simply ends, and a file a writer
 * is extending shows its new bytes when re-read); nothing is allocated per read.
 */
final class CycleFile implements AutoCloseable {
    /** Header bit: the document is being written (or its writer died). */
    static final int NOT_COMPLETE = 0x8000_0000;
    /** Header bit: a metadata document (queue header, index), not an excerpt of ours. */
    static final int META_DATA = 0x4000_0000;
    /** Header bits of the payload length. */
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    /** Header word marking the end of a finished cycle file. */
    static final int END_OF_DATA = NOT_COMPLETE | META_DATA;
    /** Bytes of a document header. */
    static final int HEADER_BYTES = 4;
    /** The window: larger than the largest record (three u16 counts of float32 values plus header and checksum). */
    static final int WINDOW_BYTES = 1 << 20;
    /** Unknown write position or excerpt count. */
    static final long UNKNOWN = -1;

    private static final byte[] STORE_HEADER_START = {(byte) 0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r', (byte) 0xB6, 8,
        'S', 'C', 'Q', 'S', 't', 'o', 'r', 'e'};
    private static final int STORE_HEADER_MAX_BYTES = 4096;
    private static final int FIELD_NAME0 = 0xC0;
    private static final int I64_ARRAY = 0x8D;
    private static final int PADDING32 = 0x8E;
    private static final int PADDING = 0x8F;
    private static final int UINT8 = 0xA1;
    private static final int UINT16 = 0xA2;
    private static final int UINT32 = 0xA3;
    private static final int INT8 = 0xA4;
    private static final int INT16 = 0xA5;
    private static final int INT32 = 0xA6;
    private static final int INT64 = 0xA7;
    private static final int MIN_CYCLE_SHIFT = 32;

    private final ByteBuffer windowBytes = ByteBuffer.allocateDirect(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer window = new UnsafeBuffer(windowBytes);
    private final ByteBuffer positionBytes = ByteBuffer.allocateDirect(2 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private Path path;
    private FileChannel channel;
    private long windowStart;
    private long windowEnd;
    private long writePositionOffset = UNKNOWN;
    private int cycleShift;
    private long dataStart;

    /**
     * @param position a document's end.
     * @return the position of the next document header.
     */
    static long align(final long position) {
        return (position + 3) & ~3L;
    }

    /**
     * Opens a cycle file and checks its store header.
     *
     * @param file the file.
     * @return null when it is a cycle file, else why not (in words, naming no path).
     * @throws UncheckedIOException when the file cannot be read.
     */
    String open(final Path file) {
        close();
        path = file;
        writePositionOffset = UNKNOWN;
        windowStart = 0;
        windowEnd = 0;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        final long size = size();
        if (size == 0) {
            return "is empty (0 bytes), not a Chronicle cycle file";
        }
        final int header = readInt(0);
        final int length = header & LENGTH_MASK;
        if ((header & (NOT_COMPLETE | META_DATA)) != META_DATA || length < STORE_HEADER_START.length
            || length > STORE_HEADER_MAX_BYTES || !has(HEADER_BYTES, length)) {
            return "does not start with a Chronicle queue store header (first word 0x" + Integer.toHexString(header)
                + ", file length " + size + " bytes), not a Chronicle cycle file";
        }
        for (int i = 0; i < STORE_HEADER_START.length; i++) {
            if (window.getByte(HEADER_BYTES + i) != STORE_HEADER_START[i]) {
                return "has a first document that is not a Chronicle queue store header (SCQStore), not a Chronicle "
                    + "cycle file";
            }
        }
        dataStart = align(HEADER_BYTES + length);
        parseStoreHeader(HEADER_BYTES, HEADER_BYTES + length);
        return null;
    }

    /**
     * @return the open file.
     */
    Path path() {
        return path;
    }

    /**
     * @return the position of the first document after the store header.
     */
    long dataStart() {
        return dataStart;
    }

    /**
     * @return the file's current length in bytes.
     */
    long size() {
        try {
            return channel.size();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the length of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code [position, position + length)} readable through {@link #window()}, reading the file again when
     * the window does not hold it.
     *
     * @return false when the file ends before {@code position + length}.
     */
    boolean has(final long position, final int length) {
        if (position >= windowStart && position + length <= windowEnd) {
            return true;
        }
        fill(position);
        return position + length <= windowEnd;
    }

    /**
     * Reads the file again from {@code position} (a writer may have written there since the window was filled).
     */
    void refresh(final long position) {
        fill(position);
    }

    /**
     * @return the 32-bit word at a position; 0 past the file's end.
     */
    int readInt(final long position) {
        return has(position, Integer.BYTES) ? window.getInt(offsetOf(position), ByteOrder.LITTLE_ENDIAN) : 0;
    }

    /**
     * @return the window the last {@link #has} made readable.
     */
    UnsafeBuffer window() {
        return window;
    }

    /**
     * @return where a file position is in {@link #window()}.
     */
    int offsetOf(final long position) {
        return (int) (position - windowStart);
    }

    /**
     * @return the position of the last excerpt the writer wrote, read from the file now; {@link #UNKNOWN} when the
     * store header does not say.
     */
    long writePosition() {
        return readPositionPair() ? positionBytes.getLong(0) : UNKNOWN;
    }

    /**
     * @return how many excerpts the writer put in the file, read from the file now (Chronicle's sequence of the last
     * excerpt plus one, when it belongs to the current write position); {@link #UNKNOWN} when the file does not say.
     */
    long excerptCount() {
        if (!readPositionPair()) {
            return UNKNOWN;
        }
        final long position = positionBytes.getLong(0);
        final long positionAndSequence = positionBytes.getLong(Long.BYTES);
        if (positionAndSequence == 0 || cycleShift == 0
            || ((position << cycleShift) >>> cycleShift) != positionAndSequence >>> cycleShift) {
            return UNKNOWN;
        }
        return (positionAndSequence & ((1L << cycleShift) - 1)) + 1;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // read-only: nothing to lose
            }
            channel = null;
        }
    }

    private void fill(final long position) {
        final ByteBuffer bytes = windowBytes;
        bytes.clear();
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) <= 0) {
                    break;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at byte " + position + ": " + e.getMessage(), e);
        }
        windowStart = position;
        windowEnd = position + bytes.position();
    }

    private boolean readPositionPair() {
        if (writePositionOffset == UNKNOWN) {
            return false;
        }
        final ByteBuffer bytes = positionBytes;
        bytes.clear();
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, writePositionOffset + bytes.position()) <= 0) {
                    return false;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + path + "'s header: " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * Finds, in the store header (binary wire, already in the window), where {@code writePosition}'s two longs are
     * and the index's {@code indexCount} and {@code indexSpacing}, which fix how Chronicle packs the excerpt count
     * into the second long (the cycle shift: max(32, 2·log2 indexCount + log2 indexSpacing)). What is not found
     * stays unknown.
     */
    private void parseStoreHeader(final int start, final int end) {
        final int values = fieldValue(start, end, "writePosition");
        if (values >= 0) {
            int at = skipPadding(values, end);
            if (at + 1 + 4 * Long.BYTES <= end && (window.getByte(at) & 0xFF) == I64_ARRAY
                && window.getLong(at + 1 + Long.BYTES, ByteOrder.LITTLE_ENDIAN) >= 2) {
                writePositionOffset = at + 1 + 2L * Long.BYTES;
            }
        }
        final long indexCount = intField(start, end, "indexCount");
        final long indexSpacing = intField(start, end, "indexSpacing");
        cycleShift = indexCount > 0 && indexSpacing > 0 && Long.bitCount(indexCount) == 1
            && Long.bitCount(indexSpacing) == 1
            ? Math.max(MIN_CYCLE_SHIFT, 2 * Long.numberOfTrailingZeros(indexCount)
                + Long.numberOfTrailingZeros(indexSpacing))
            : 0;
    }

    /**
     * @return the offset just after a field name (a one-byte length code, then the name) in the header, or -1.
     */
    private int fieldValue(final int start, final int end, final String name) {
        final byte[] field = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = start; i + 1 + field.length <= end; i++) {
            if ((window.getByte(i) & 0xFF) != FIELD_NAME0 + field.length) {
                continue;
            }
            int j = 0;
            while (j < field.length && window.getByte(i + 1 + j) == field[j]) {
                j++;
            }
            if (j == field.length) {
                return i + 1 + field.length;
            }
        }
        return -1;
    }

    private int skipPadding(final int from, final int end) {
        int at = from;
        while (at < end) {
            final int code = window.getByte(at) & 0xFF;
            if (code == PADDING) {
                at++;
            } else if (code == PADDING32 && at + 5 <= end) {
                at += 5 + window.getInt(at + 1, ByteOrder.LITTLE_ENDIAN);
            } else {
                break;
            }
        }
        return at;
    }

    /**
     * @return a field's integer value (binary wire's small and sized integer codes), or -1 when absent or not an int.
     */
    private long intField(final int start, final int end, final String name) {
        final int at = fieldValue(start, end, name);
        if (at < 0 || at >= end) {
            return -1;
        }
        final int code = window.getByte(at) & 0xFF;
        if (code < 0x80) {
            return code;
        }
        final int value = at + 1;
        return switch (code) {
            case UINT8 -> value < end ? window.getByte(value) & 0xFF : -1;
            case UINT16 -> value + 2 <= end ? window.getShort(value, ByteOrder.LITTLE_ENDIAN) & 0xFFFF : -1;
            case UINT32 -> value + 4 <= end ? window.getInt(value, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL : -1;
            case INT8 -> value < end ? window.getByte(value) : -1;
            case INT16 -> value + 2 <= end ? window.getShort(value, ByteOrder.LITTLE_ENDIAN) : -1;
            case INT32 -> value + 4 <= end ? window.getInt(value, ByteOrder.LITTLE_ENDIAN) : -1;
            case INT64 -> value + 8 <= end ? window.getLong(value, ByteOrder.LITTLE_ENDIAN) : -1;
            default -> -1;
        };
    }
}
