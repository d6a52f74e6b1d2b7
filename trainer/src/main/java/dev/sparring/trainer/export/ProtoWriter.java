package dev.sparring.trainer.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few parts of the protocol buffers wire format an ONNX model and a TensorBoard event need: each field is a tag
 * {@code (fieldNumber << 3) | wireType} as a varint, then a varint (wire type 0: ints, enums), eight little-endian
 * bytes (wire type 1: double), four (wire type 5: float) or a varint length and that many bytes (wire type 2: strings,
 * bytes, nested messages). Repeated fields are written as the same field once per element. Off the hot path.
 */
public final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /**
     * @param field the field number.
     * @param value an int32, int64 or enum value; negative values take ten bytes, as protobuf encodes them.
     * @return this writer.
     */
    public ProtoWriter varint(final int field, final long value) {
        tag(field, VARINT);
        writeVarint(value);
        return this;
    }

    /**
     * @param field the field number.
     * @param value a float.
     * @return this writer.
     */
    public ProtoWriter float32(final int field, final float value) {
        tag(field, FIXED32);
        final int bits = Float.floatToRawIntBits(value);
        for (int shift = 0; shift < 32; shift += 8) {
            bytes.write(bits >>> shift);
        }
        return this;
    }

    /**
     * @param field the field number.
     * @param value a double.
     * @return this writer.
     */
    public ProtoWriter float64(final int field, final double value) {
        tag(field, FIXED64);
        final long bits = Double.doubleToRawLongBits(value);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes.write((int) (bits >>> shift));
        }
        return this;
    }

    /**
     * @param field the field number.
     * @param value a string, written as UTF-8.
     * @return this writer.
     */
    public ProtoWriter string(final int field, final String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param field the field number.
     * @param value the bytes.
     * @return this writer.
     */
    public ProtoWriter bytes(final int field, final byte[] value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.length);
        bytes.writeBytes(value);
        return this;
    }

    /**
     * @param field   the field number.
     * @param message a nested message, written whole.
     * @return this writer.
     */
    public ProtoWriter message(final int field, final ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /**
     * @return the message written so far.
     */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void tag(final int field, final int wireType) {
        writeVarint((long) field << 3 | wireType);
    }

    private void writeVarint(final long value) {
        long remaining = value;
        while ((remaining & ~0x7FL) != 0) {
            bytes.write((int) (remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        bytes.write((int) remaining);
    }
}
