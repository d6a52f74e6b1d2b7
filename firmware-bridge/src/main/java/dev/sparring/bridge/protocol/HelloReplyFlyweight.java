package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * HELLO_REPLY's payload (firmware → host, {@value BridgeProtocol#HELLO_REPLY_LENGTH} bytes), also sent unsolicited
 * once at boot.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   protocol version (u16)      |         reserved (0)          |  0
 *  +-------------------------------+-------------------------------+
 *  |     firmware version (u32: major << 16 | minor << 8 | patch)  |  4
 *  +---------------------------------------------------------------+
 *  |                   capabilities (u32, CAP_* bits)              |  8
 *  +---------------+-----------------------------------------------+
 *  |  max joints   |                 reserved (0)                  | 12
 *  +---------------+-----------------------------------------------+
 *  |                        boot count (u32)                       | 16
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class HelloReplyFlyweight extends MessageFlyweight {
    /** Offset of the protocol version. */
    public static final int PROTOCOL_VERSION_OFFSET = 0;
    /** Offset of the firmware version. */
    public static final int FIRMWARE_VERSION_OFFSET = 4;
    /** Offset of the capability bits. */
    public static final int CAPABILITIES_OFFSET = 8;
    /** Offset of the most joints the firmware drives. */
    public static final int MAX_JOINTS_OFFSET = 12;
    /** Offset of the boot count. */
    public static final int BOOT_COUNT_OFFSET = 16;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public HelloReplyFlyweight wrap(final DirectBuffer buffer, final int offset) {
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
    public HelloReplyFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        wrapForWriting(buffer, offset);
        return this;
    }

    /**
     * @return the protocol version the firmware speaks.
     */
    public int protocolVersion() {
        return u16(PROTOCOL_VERSION_OFFSET);
    }

    /**
     * Writes the version and zeroes the reserved bytes after it.
     *
     * @param version the protocol version the firmware speaks.
     * @return this.
     */
    public HelloReplyFlyweight protocolVersion(final int version) {
        u16(PROTOCOL_VERSION_OFFSET, version);
        reserved(PROTOCOL_VERSION_OFFSET + 2, 2);
        return this;
    }

    /**
     * @return the firmware version, {@code major << 16 | minor << 8 | patch}.
     */
    public long firmwareVersion() {
        return u32(FIRMWARE_VERSION_OFFSET);
    }

    /**
     * @param version the firmware version, {@code major << 16 | minor << 8 | patch}.
     * @return this.
     */
    public HelloReplyFlyweight firmwareVersion(final long version) {
        u32(FIRMWARE_VERSION_OFFSET, version);
        return this;
    }

    /**
     * @return the capability bits ({@code BridgeProtocol.CAP_*}).
     */
    public long capabilities() {
        return u32(CAPABILITIES_OFFSET);
    }

    /**
     * @param capabilities the capability bits ({@code BridgeProtocol.CAP_*}).
     * @return this.
     */
    public HelloReplyFlyweight capabilities(final long capabilities) {
        u32(CAPABILITIES_OFFSET, capabilities);
        return this;
    }

    /**
     * @return the most joints the firmware drives.
     */
    public int maxJoints() {
        return u8(MAX_JOINTS_OFFSET);
    }

    /**
     * Writes the joint maximum and zeroes the reserved bytes after it.
     *
     * @param joints the most joints the firmware drives.
     * @return this.
     */
    public HelloReplyFlyweight maxJoints(final int joints) {
        u8(MAX_JOINTS_OFFSET, joints);
        reserved(MAX_JOINTS_OFFSET + 1, BOOT_COUNT_OFFSET - MAX_JOINTS_OFFSET - 1);
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
    public HelloReplyFlyweight bootCount(final long count) {
        u32(BOOT_COUNT_OFFSET, count);
        return this;
    }
}
