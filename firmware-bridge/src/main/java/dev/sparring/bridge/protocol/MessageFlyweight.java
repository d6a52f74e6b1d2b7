package dev.sparring.bridge.protocol;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What every message flyweight shares: the wrapped buffer (read-only or writable), the payload's first byte, and
 * little-endian accessors. A subclass's setters write the reserved bytes that follow their field as zero, so a
 * message written field by field holds no stale bytes.
 */
public abstract class MessageFlyweight {
    /** Byte order of every field. */
    protected static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final long U32_MASK = 0xFFFF_FFFFL;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /**
     * Wraps a payload for reading; the setters then fail.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     */
    protected final void wrapForReading(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutableBuffer = null;
        this.offset = offset;
    }

    /**
     * Wraps a payload for reading and writing.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     */
    protected final void wrapForWriting(final MutableDirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
    }

    /**
     * @return the wrapped buffer.
     */
    public final DirectBuffer buffer() {
        return buffer;
    }

    /**
     * @return the payload's first byte in {@link #buffer()}.
     */
    public final int offset() {
        return offset;
    }

    /**
     * @param field offset in the payload.
     * @return the unsigned byte there.
     */
    protected final int u8(final int field) {
        return buffer.getByte(offset + field) & 0xFF;
    }

    /**
     * @param field offset in the payload.
     * @return the unsigned 16-bit integer there.
     */
    protected final int u16(final int field) {
        return buffer.getShort(offset + field, ORDER) & 0xFFFF;
    }

    /**
     * @param field offset in the payload.
     * @return the signed 16-bit integer there.
     */
    protected final int i16(final int field) {
        return buffer.getShort(offset + field, ORDER);
    }

    /**
     * @param field offset in the payload.
     * @return the unsigned 32-bit integer there.
     */
    protected final long u32(final int field) {
        return buffer.getInt(offset + field, ORDER) & U32_MASK;
    }

    /**
     * @param field offset in the payload.
     * @return the float there.
     */
    protected final float f32(final int field) {
        return buffer.getFloat(offset + field, ORDER);
    }

    /**
     * @param field offset in the payload.
     * @param value the value; its low 8 bits are written.
     */
    protected final void u8(final int field, final int value) {
        mutableBuffer.putByte(offset + field, (byte) value);
    }

    /**
     * @param field offset in the payload.
     * @param value the value; its low 16 bits are written.
     */
    protected final void u16(final int field, final int value) {
        mutableBuffer.putShort(offset + field, (short) value, ORDER);
    }

    /**
     * @param field offset in the payload.
     * @param value the value; its low 32 bits are written.
     */
    protected final void u32(final int field, final long value) {
        mutableBuffer.putInt(offset + field, (int) value, ORDER);
    }

    /**
     * @param field offset in the payload.
     * @param value the value.
     */
    protected final void f32(final int field, final float value) {
        mutableBuffer.putFloat(offset + field, value, ORDER);
    }

    /**
     * @param field  offset in the payload of the first reserved byte.
     * @param length how many reserved bytes to zero.
     */
    protected final void reserved(final int field, final int length) {
        mutableBuffer.setMemory(offset + field, length, (byte) 0);
    }
}
