package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * STATE's payload (firmware → host, {@link BridgeProtocol#stateLength(int)} = 24 + 12 J bytes): the firmware's
 * clock, boot count, mode and counters, then per joint what it measured and applied.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |           firmware time (u32, µs since boot, wraps)           |  0
 *  +---------------------------------------------------------------+
 *  |                        boot count (u32)                       |  4
 *  +-------------------------------+---------------+---------------+
 *  | last COMMAND's sequence (u16) |     mode      | joint count J |  8
 *  +-------------------------------+---------------+---------------+
 *  |      fault bits (u16)         | temperature (i16, 0.01 °C)    | 12
 *  +-------------------------------+-------------------------------+
 *  |                  CRC errors seen (u32)                        | 16
 *  |                  sequence gaps seen (u32)                     | 20
 *  +---------------------------------------------------------------+
 *  |                  joint 0: position (f32)                      | 24
 *  |                  joint 0: velocity (f32)                      | 28
 *  |                  joint 0: effort applied (f32)                | 32
 *  +---------------------------------------------------------------+
 *  |                  joints 1 .. J−1, 12 bytes each               | 36
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class StateFlyweight extends MessageFlyweight {
    /** Offset of the firmware time. */
    public static final int FIRMWARE_TIME_OFFSET = 0;
    /** Offset of the boot count. */
    public static final int BOOT_COUNT_OFFSET = 4;
    /** Offset of the sequence number of the last COMMAND applied. */
    public static final int LAST_COMMAND_SEQUENCE_OFFSET = 8;
    /** Offset of the firmware mode. */
    public static final int MODE_OFFSET = 10;
    /** Offset of the joint count. */
    public static final int JOINT_COUNT_OFFSET = 11;
    /** Offset of the latched fault bits. */
    public static final int FAULT_BITS_OFFSET = 12;
    /** Offset of the temperature. */
    public static final int TEMPERATURE_OFFSET = 14;
    /** Offset of the firmware's CRC error count. */
    public static final int CRC_ERRORS_OFFSET = 16;
    /** Offset of the firmware's sequence gap count. */
    public static final int SEQUENCE_GAPS_OFFSET = 20;
    /** Offset of joint 0's block. */
    public static final int JOINTS_OFFSET = 24;
    /** Bytes per joint. */
    public static final int JOINT_LENGTH = 12;
    /** Offset of the position in a joint's block. */
    public static final int POSITION_OFFSET = 0;
    /** Offset of the velocity in a joint's block. */
    public static final int VELOCITY_OFFSET = 4;
    /** Offset of the applied effort in a joint's block. */
    public static final int EFFORT_OFFSET = 8;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public StateFlyweight wrap(final DirectBuffer buffer, final int offset) {
        wrapForReading(buffer, offset);
        return this;
    }

    /**
     * Wraps a payload for writing.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public StateFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        wrapForWriting(buffer, offset);
        return this;
    }

    /**
     * @return the firmware's clock, µs since boot (wraps at 2³²).
     */
    public long firmwareTimeUs() {
        return u32(FIRMWARE_TIME_OFFSET);
    }

    /**
     * @param timeUs the firmware's clock, µs since boot.
     * @return this.
     */
    public StateFlyweight firmwareTimeUs(final long timeUs) {
        u32(FIRMWARE_TIME_OFFSET, timeUs);
        return this;
    }

    /**
     * @return how many times the firmware has booted.
     */
    public long bootCount() {
        return u32(BOOT_COUNT_OFFSET);
    }

    /**
     * @param count how many times the firmware has booted.
     * @return this.
     */
    public StateFlyweight bootCount(final long count) {
        u32(BOOT_COUNT_OFFSET, count);
        return this;
    }

    /**
     * @return the sequence number of the last COMMAND applied.
     */
    public int lastCommandSequence() {
        return u16(LAST_COMMAND_SEQUENCE_OFFSET);
    }

    /**
     * @param sequence the sequence number of the last COMMAND applied.
     * @return this.
     */
    public StateFlyweight lastCommandSequence(final int sequence) {
        u16(LAST_COMMAND_SEQUENCE_OFFSET, sequence);
        return this;
    }

    /**
     * @return the firmware mode ({@code BridgeProtocol.MODE_*}).
     */
    public int mode() {
        return u8(MODE_OFFSET);
    }

    /**
     * @param mode the firmware mode ({@code BridgeProtocol.MODE_*}).
     * @return this.
     */
    public StateFlyweight mode(final int mode) {
        u8(MODE_OFFSET, mode);
        return this;
    }

    /**
     * @return joint count J (0 before CONFIGURE).
     */
    public int jointCount() {
        return u8(JOINT_COUNT_OFFSET);
    }

    /**
     * @param joints joint count J.
     * @return this.
     */
    public StateFlyweight jointCount(final int joints) {
        u8(JOINT_COUNT_OFFSET, joints);
        return this;
    }

    /**
     * @return the latched faults: bit (code − 1) per fault code.
     */
    public int faultBits() {
        return u16(FAULT_BITS_OFFSET);
    }

    /**
     * @param bits the latched faults: bit (code − 1) per fault code.
     * @return this.
     */
    public StateFlyweight faultBits(final int bits) {
        u16(FAULT_BITS_OFFSET, bits);
        return this;
    }

    /**
     * @return the board temperature in hundredths of a degree Celsius.
     */
    public int temperatureCentiC() {
        return i16(TEMPERATURE_OFFSET);
    }

    /**
     * @param centiC the board temperature in hundredths of a degree Celsius.
     * @return this.
     */
    public StateFlyweight temperatureCentiC(final int centiC) {
        u16(TEMPERATURE_OFFSET, centiC);
        return this;
    }

    /**
     * @return CRC errors the firmware has seen.
     */
    public long crcErrors() {
        return u32(CRC_ERRORS_OFFSET);
    }

    /**
     * @param count CRC errors the firmware has seen.
     * @return this.
     */
    public StateFlyweight crcErrors(final long count) {
        u32(CRC_ERRORS_OFFSET, count);
        return this;
    }

    /**
     * @return sequence gaps the firmware has seen.
     */
    public long sequenceGaps() {
        return u32(SEQUENCE_GAPS_OFFSET);
    }

    /**
     * @param count sequence gaps the firmware has seen.
     * @return this.
     */
    public StateFlyweight sequenceGaps(final long count) {
        u32(SEQUENCE_GAPS_OFFSET, count);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its measured position.
     */
    public float position(final int joint) {
        return f32(field(joint, POSITION_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its measured position.
     * @return this.
     */
    public StateFlyweight position(final int joint, final float value) {
        f32(field(joint, POSITION_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its measured velocity.
     */
    public float velocity(final int joint) {
        return f32(field(joint, VELOCITY_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its measured velocity.
     * @return this.
     */
    public StateFlyweight velocity(final int joint, final float value) {
        f32(field(joint, VELOCITY_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return the effort applied to it.
     */
    public float effort(final int joint) {
        return f32(field(joint, EFFORT_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value the effort applied to it.
     * @return this.
     */
    public StateFlyweight effort(final int joint, final float value) {
        f32(field(joint, EFFORT_OFFSET), value);
        return this;
    }

    private static int field(final int joint, final int fieldOffset) {
        return JOINTS_OFFSET + JOINT_LENGTH * joint + fieldOffset;
    }
}
