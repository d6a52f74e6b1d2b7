package dev.sparring.fleet;

import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Copies a record between an Agrona buffer and a Chronicle excerpt's {@link Bytes} with primitive reads and writes
 * (native order on both sides, so the bytes are kept exactly, as the robot's own log writes them): nothing allocated.
 */
final class ChronicleBytes {
    private ChronicleBytes() {
    }

    /**
     * Reads the rest of an excerpt into a buffer.
     *
     * @param from   the excerpt's bytes, at its first unread byte.
     * @param length bytes to read.
     * @param to     the destination, with room for {@code length} bytes at {@code offset}.
     * @param offset where to put the first byte.
     */
    static void read(final Bytes<?> from, final int length, final MutableDirectBuffer to, final int offset) {
        final int longsEnd = offset + (length & ~7);
        final int end = offset + length;
        int i = offset;
        for (; i < longsEnd; i += Long.BYTES) {
            to.putLong(i, from.readLong());
        }
        for (; i < end; i++) {
            to.putByte(i, from.readByte());
        }
    }

    /**
     * Writes a buffer's bytes into an excerpt.
     *
     * @param from   the source buffer.
     * @param offset its first byte.
     * @param length bytes to write.
     * @param to     the excerpt's bytes.
     */
    static void write(final DirectBuffer from, final int offset, final int length, final Bytes<?> to) {
        final int longsEnd = offset + (length & ~7);
        final int end = offset + length;
        int i = offset;
        for (; i < longsEnd; i += Long.BYTES) {
            to.writeLong(from.getLong(i));
        }
        for (; i < end; i++) {
            to.writeByte(from.getByte(i));
        }
    }
}
