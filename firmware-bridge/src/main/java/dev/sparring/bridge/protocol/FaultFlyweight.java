package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * FAULT's payload (firmware → host, {@value BridgeProtocol#FAULT_LENGTH} bytes): a refused request or a tripped
 * safety.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  fault code   |  mode after   | sequence it answers (u16)     |  0
 *  +---------------+---------------+-------------------------------+
 *  |                firmware time (u32, µs since boot)             |  4
 *  +---------------------------------------------------------------+
 * </pre>
 * The sequence is that of the request refused, or of the last COMMAND applied when the fault is unsolicited.
 */
public final class FaultFlyweight extends MessageFlyweight {
    /** Offset of the fault code. */
    public static final int CODE_OFFSET = 0;
    /** Offset of the mode after the fault. */
    public static final int MODE_OFFSET = 1;
    /** Offset of the sequence number it answers. */
    public static final int SEQUENCE_OFFSET = 2;
    /** Offset of the firmware time. */
    public static final int FIRMWARE_TIME_OFFSET = 4;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public FaultFlyweight wrap(final DirectBuffer buffer, final int offset) {
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
    public FaultFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        wrapForWriting(buffer, offset);
        return this;
    }

    /**
     * @return the fault code ({@code BridgeProtocol.FAULT_*}).
     */
    public int code() {
        return u8(CODE_OFFSET);
    }

    /**
     * @param code the fault code ({@code BridgeProtocol.FAULT_*}).
     * @return this.
     */
    public FaultFlyweight code(final int code) {
        u8(CODE_OFFSET, code);
        return this;
    }

    /**
     * @return the firmware mode after the fault ({@code BridgeProtocol.MODE_*}).
     */
    public int mode() {
        return u8(MODE_OFFSET);
    }

    /**
     * @param mode the firmware mode after the fault ({@code BridgeProtocol.MODE_*}).
     * @return this.
     */
    public FaultFlyweight mode(final int mode) {
        u8(MODE_OFFSET, mode);
        return this;
    }

    /**
     * @return the sequence number of the request it answers, or of the last COMMAND applied when unsolicited.
     */
    public int sequence() {
        return u16(SEQUENCE_OFFSET);
    }

    /**
     * @param sequence the sequence number of the request it answers, or of the last COMMAND applied.
     * @return this.
     */
    public FaultFlyweight sequence(final int sequence) {
        u16(SEQUENCE_OFFSET, sequence);
        return this;
    }

    /**
     * @return the firmware's clock when the fault happened, µs since boot.
     */
    public long firmwareTimeUs() {
        return u32(FIRMWARE_TIME_OFFSET);
    }

    /**
     * @param timeUs the firmware's clock when the fault happened, µs since boot.
     * @return this.
     */
    public FaultFlyweight firmwareTimeUs(final long timeUs) {
        u32(FIRMWARE_TIME_OFFSET, timeUs);
        return this;
    }
}
