package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Consistent overhead byte stuffing: encodes bytes so that none of them is {@code 0x00}, which then delimits frames.
 * A code byte n (1..255) is followed by n − 1 non-zero bytes and stands for a zero after them, except code 255 (254
 * bytes and no zero) and the last block. The encoder ends a run of 254 non-zero bytes with code 255 and always
 * writes a final code byte, so 254 non-zero bytes encode to 256 bytes ending in {@code 0x01} (as the test vectors
 * say); the decoder also accepts the shorter form without that final {@code 0x01}.
 */
public final class Cobs {
    private static final int MAX_CODE = 0xFF;

    private Cobs() {
    }

    /**
     * @param length bytes to encode.
     * @return the most bytes their encoding takes: one code byte per started run of 254, plus one.
     */
    public static int maxEncodedLength(final int length) {
        return length + length / (MAX_CODE - 1) + 1;
    }

    /**
     * Encodes without a delimiter.
     *
     * @param source       the bytes to encode.
     * @param sourceOffset their first byte.
     * @param length       how many bytes.
     * @param target       where the encoding goes; needs {@link #maxEncodedLength(int)} bytes from targetOffset.
     * @param targetOffset the encoding's first byte.
     * @return the encoded length.
     */
    public static int encode(final DirectBuffer source, final int sourceOffset, final int length,
        final MutableDirectBuffer target, final int targetOffset) {
        int codeIndex = targetOffset;
        int write = targetOffset + 1;
        int code = 1;
        final int end = sourceOffset + length;
        for (int read = sourceOffset; read < end; read++) {
            final byte value = source.getByte(read);
            if (value == 0) {
                target.putByte(codeIndex, (byte) code);
                codeIndex = write++;
                code = 1;
            } else {
                target.putByte(write++, value);
                code++;
                if (code == MAX_CODE) {
                    target.putByte(codeIndex, (byte) code);
                    codeIndex = write++;
                    code = 1;
                }
            }
        }
        target.putByte(codeIndex, (byte) code);
        return write - targetOffset;
    }

    /**
     * Decodes bytes that hold no delimiter.
     *
     * @param source         the encoded bytes.
     * @param sourceOffset   their first byte.
     * @param length         how many bytes (at least one code byte).
     * @param target         where the decoded bytes go.
     * @param targetOffset   their first byte.
     * @param targetCapacity the most bytes that may be written from targetOffset.
     * @return the decoded length, or −1 when the input is empty, holds a zero, has a code that runs past its end, or
     *         decodes to more than targetCapacity bytes.
     */
    public static int decode(final DirectBuffer source, final int sourceOffset, final int length,
        final MutableDirectBuffer target, final int targetOffset, final int targetCapacity) {
        if (length <= 0) {
            return -1;
        }
        final int end = sourceOffset + length;
        final int targetEnd = targetOffset + targetCapacity;
        int read = sourceOffset;
        int write = targetOffset;
        while (read < end) {
            final int code = source.getByte(read++) & 0xFF;
            final int blockEnd = read + code - 1;
            if (code == 0 || blockEnd > end || write + code - 1 > targetEnd) {
                return -1;
            }
            for (int i = read; i < blockEnd; i++) {
                if (source.getByte(i) == 0) {
                    return -1;
                }
            }
            target.putBytes(write, source, read, code - 1);
            write += code - 1;
            read = blockEnd;
            if (code != MAX_CODE && read < end) {
                if (write == targetEnd) {
                    return -1;
                }
                target.putByte(write++, (byte) 0);
            }
        }
        return write - targetOffset;
    }
}
