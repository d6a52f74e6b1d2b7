package dev.sparring.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The wire encodings against the worked examples of the protocol buffers encoding guide and hand-computed bytes. */
class ProtoWriterTest {
    @Test
    void shouldEncodeVarint150AsTheEncodingGuideDoes() {
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varint(1, 150).toByteArray());
    }

    @Test
    void shouldEncodeANegativeInt64InTenBytes() {
        assertArrayEquals(bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
            new ProtoWriter().varint(1, -1).toByteArray());
    }

    @Test
    void shouldEncodeAStringAsLengthDelimitedUtf8() {
        assertArrayEquals(bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'),
            new ProtoWriter().string(2, "testing").toByteArray());
    }

    @Test
    void shouldEncodeANestedMessageAsItsLengthAndBytes() {
        assertArrayEquals(bytes(0x1A, 0x03, 0x08, 0x96, 0x01),
            new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray());
    }

    @Test
    void shouldEncodeAFloatAsFourLittleEndianBytes() {
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3F), new ProtoWriter().float32(2, 1.0f).toByteArray());
    }

    @Test
    void shouldEncodeADoubleAsEightLittleEndianBytes() {
        assertArrayEquals(bytes(0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F),
            new ProtoWriter().float64(1, 1.0).toByteArray());
    }

    @Test
    void shouldEncodeFieldNumbersAboveFifteenInATwoByteTag() {
        assertArrayEquals(bytes(0xA0, 0x01, 0x02), new ProtoWriter().varint(20, 2).toByteArray());
    }

    private static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
