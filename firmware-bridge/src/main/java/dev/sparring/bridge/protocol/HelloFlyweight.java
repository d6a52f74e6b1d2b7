package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * HELLO's payload (host → firmware, {@value BridgeProtocol#HELLO_LENGTH} bytes).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   protocol version (u16)      |         reserved (0)          |  0
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class HelloFlyweight extends MessageFlyweight {
    /** Offset of the protocol version. */
    public static final int PROTOCOL_VERSION_OFFSET = 0;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public HelloFlyweight wrap(final DirectBuffer buffer, final int offset) {
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
    public HelloFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        wrapForWriting(buffer, offset);
        return this;
    }

    /**
     * @return the protocol version the host speaks.
     */
    public int protocolVersion() {
        return u16(PROTOCOL_VERSION_OFFSET);
    }

    /**
     * Writes the version and zeroes the reserved bytes after it.
     *
     * @param version the protocol version the host speaks.
     * @return this.
     */
    public HelloFlyweight protocolVersion(final int version) {
        u16(PROTOCOL_VERSION_OFFSET, version);
        reserved(PROTOCOL_VERSION_OFFSET + 2, 2);
        return this;
    }
}
