package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, not reflected, no final XOR; the check value of the
 * ASCII bytes {@code 123456789} is {@code 0x29B1}. Table-driven, one lookup per byte.
 */
public final class Crc16 {
    private static final int POLYNOMIAL = 0x1021;
    private static final int INITIAL = 0xFFFF;
    private static final int[] TABLE = table();

    private Crc16() {
    }

    /**
     * @param buffer the bytes.
     * @param offset the first byte.
     * @param length how many bytes.
     * @return the CRC, 0..0xFFFF.
     */
    public static int compute(final DirectBuffer buffer, final int offset, final int length) {
        int crc = INITIAL;
        final int end = offset + length;
        for (int i = offset; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buffer.getByte(i)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static int[] table() {
        final int[] table = new int[256];
        for (int value = 0; value < table.length; value++) {
            int crc = value << 8;
            for (int bit = 0; bit < Byte.SIZE; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            table[value] = crc & 0xFFFF;
        }
        return table;
    }
}
