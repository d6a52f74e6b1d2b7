package dev.sparring.trainer.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protocol buffers wire format, the counterpart of {@link ProtoWriter}: a message is a sequence of fields,
 * each a varint tag {@code (fieldNumber << 3) | wireType} then a varint (type 0), eight bytes (1), a varint length and
 * that many bytes (2: strings, bytes, nested messages, packed repeated numbers) or four bytes (5). Bounded: every
 * length is checked against the bytes that remain in the enclosing message before anything is read, so a truncated
 * or corrupt file gives an {@link OnnxFormatException} naming the message, the field and the byte offset, never an
 * index error or an allocation of a length read from the file. Import-time code, not a hot path: it allocates
 * freely.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int limit;
    private final String source;
    private final String message;
    private int position;
    private int tagOffset;
    private int field;
    private int wireType;

    /**
     * @param bytes   the whole serialised message.
     * @param source  what the bytes are, for messages (the file).
     * @param message the message's type, for messages.
     */
    ProtoReader(final byte[] bytes, final String source, final String message) {
        this(bytes, 0, bytes.length, source, message);
    }

    private ProtoReader(final byte[] bytes, final int offset, final int limit, final String source,
        final String message) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
        this.source = source;
        this.message = message;
    }

    /**
     * Reads the next field's tag.
     *
     * @return false at the end of the message.
     * @throws OnnxFormatException when the tag is malformed or has a wire type this format does not use.
     */
    boolean next() throws OnnxFormatException {
        if (position == limit) {
            return false;
        }
        tagOffset = position;
        final long tag = readVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > Integer.MAX_VALUE || !(wireType == VARINT || wireType == FIXED64
            || wireType == LENGTH_DELIMITED || wireType == FIXED32)) {
            throw fail("has a malformed field tag " + tag);
        }
        return true;
    }

    /**
     * @return the current field's number.
     */
    int field() {
        return field;
    }

    /**
     * @return the current field's value as a varint (int32, int64, enum).
     * @throws OnnxFormatException when the field is not a varint or runs past the message.
     */
    long varint() throws OnnxFormatException {
        requireWireType(VARINT);
        return readVarint();
    }

    /**
     * @return the current field's value as a float.
     * @throws OnnxFormatException when the field is not four bytes or runs past the message.
     */
    float float32() throws OnnxFormatException {
        requireWireType(FIXED32);
        require(4);
        final float value = Float.intBitsToFloat(littleEndianInt(position));
        position += 4;
        return value;
    }

    /**
     * @return the current field's bytes (a copy).
     * @throws OnnxFormatException when the field is not length-delimited or its length runs past the message.
     */
    byte[] bytes() throws OnnxFormatException {
        final int length = length();
        final byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /**
     * @return the current field as UTF-8 text.
     * @throws OnnxFormatException when the field is not length-delimited or its length runs past the message.
     */
    String string() throws OnnxFormatException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /**
     * @param type the nested message's type, for messages.
     * @return a reader over the current field's nested message.
     * @throws OnnxFormatException when the field is not length-delimited or its length runs past the message.
     */
    ProtoReader message(final String type) throws OnnxFormatException {
        final int length = length();
        final ProtoReader nested = new ProtoReader(bytes, position, position + length, source, message + "." + type);
        position += length;
        return nested;
    }

    /**
     * A repeated int64 field, packed (one length-delimited run) or not (this element alone).
     *
     * @return the current field's values.
     * @throws OnnxFormatException when a value runs past the message.
     */
    long[] int64s() throws OnnxFormatException {
        if (wireType == VARINT) {
            return new long[] {readVarint()};
        }
        final int length = length();
        final int end = position + length;
        long[] values = new long[8];
        int count = 0;
        while (position < end) {
            if (count == values.length) {
                values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = readVarint();
        }
        if (position != end) {
            throw fail("has a packed varint running past its field's end");
        }
        return Arrays.copyOf(values, count);
    }

    /**
     * A repeated float field, packed (one length-delimited run of 4-byte floats) or not (this element alone).
     *
     * @return the current field's values.
     * @throws OnnxFormatException when the run is not a whole number of floats or runs past the message.
     */
    float[] float32s() throws OnnxFormatException {
        if (wireType == FIXED32) {
            return new float[] {float32()};
        }
        final int length = length();
        if (length % 4 != 0) {
            throw fail("has " + length + " bytes of packed floats, not a multiple of 4");
        }
        final float[] values = new float[length / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(littleEndianInt(position + 4 * i));
        }
        position += length;
        return values;
    }

    /**
     * Skips the current field's value.
     *
     * @throws OnnxFormatException when the value runs past the message.
     */
    void skip() throws OnnxFormatException {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8);
                position += 8;
            }
            case LENGTH_DELIMITED -> {
                final int length = length();
                position += length;
            }
            default -> {
                require(4);
                position += 4;
            }
        }
    }

    /**
     * @param problem what is wrong with the current field.
     * @return an exception naming the source, the message type, the field and its byte offset.
     */
    OnnxFormatException fail(final String problem) {
        return new OnnxFormatException(source + ": not a valid ONNX model: " + message + " field " + field
            + " at byte " + tagOffset + " " + problem + "; the file may be truncated or corrupt, export it again");
    }

    private int length() throws OnnxFormatException {
        requireWireType(LENGTH_DELIMITED);
        final long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw fail("declares " + length + " bytes, but " + (limit - position) + " remain in the "
                + message);
        }
        return (int) length;
    }

    private long readVarint() throws OnnxFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1);
            final int b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw fail("has a varint longer than 10 bytes");
    }

    private void require(final int count) throws OnnxFormatException {
        if (limit - position < count) {
            throw fail("needs " + count + " more bytes, but " + (limit - position) + " remain in the " + message);
        }
    }

    private void requireWireType(final int expected) throws OnnxFormatException {
        if (wireType != expected) {
            throw fail("has wire type " + wireType + " where the ONNX schema has " + expected);
        }
    }

    private int littleEndianInt(final int offset) {
        return bytes[offset] & 0xFF | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
            | (bytes[offset + 3] & 0xFF) << 24;
    }
}
