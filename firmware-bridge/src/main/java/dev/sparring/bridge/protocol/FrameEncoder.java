package dev.sparring.bridge.protocol;

import static dev.sparring.bridge.protocol.BridgeProtocol.CRC_LENGTH;
import static dev.sparring.bridge.protocol.BridgeProtocol.HEADER_LENGTH;
import static dev.sparring.bridge.protocol.BridgeProtocol.LENGTH_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.MAX_FRAME;
import static dev.sparring.bridge.protocol.BridgeProtocol.MAX_PAYLOAD;
import static dev.sparring.bridge.protocol.BridgeProtocol.RESERVED_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.SEQUENCE_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.TYPE_OFFSET;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes frames: header, CRC-16, COBS and the {@code 0x00} delimiter, allocating nothing. The caller writes a
 * payload at offset 0 of {@link #payload()} (with a flyweight), then calls {@link #encode}; the payload lives inside
 * the encoder's frame buffer, so it is never copied. Not thread-safe: one encoder per sending thread.
 */
public final class FrameEncoder {
    /** Bytes an output buffer needs from its offset for any frame: the longest encoding and its delimiter. */
    public static final int MAX_OUTPUT = BridgeProtocol.MAX_ENCODED + 1;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[MAX_FRAME]);
    private final UnsafeBuffer payload = new UnsafeBuffer(frame, HEADER_LENGTH, MAX_PAYLOAD);

    /**
     * @return where the next frame's payload is written, from offset 0; {@value BridgeProtocol#MAX_PAYLOAD} bytes.
     *         It keeps the last payload's bytes: write every field (the flyweights' setters write the reserved bytes
     *         too).
     */
    public MutableDirectBuffer payload() {
        return payload;
    }

    /**
     * Encodes one frame of the payload held in {@link #payload()}.
     *
     * @param type          message type.
     * @param sequence      the sender's sequence number (its low 16 bits are sent).
     * @param payloadLength payload bytes, 0..{@value BridgeProtocol#MAX_PAYLOAD}.
     * @param out           where the frame goes; needs {@link #MAX_OUTPUT} bytes from outOffset.
     * @param outOffset     the frame's first byte.
     * @return bytes written, the delimiter included.
     * @throws IllegalArgumentException when payloadLength is out of range (a programming error).
     */
    public int encode(final int type, final int sequence, final int payloadLength, final MutableDirectBuffer out,
        final int outOffset) {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                "payload length must be 0.." + MAX_PAYLOAD + " bytes, was " + payloadLength);
        }
        frame.putByte(TYPE_OFFSET, (byte) type);
        frame.putByte(RESERVED_OFFSET, (byte) 0);
        frame.putShort(SEQUENCE_OFFSET, (short) sequence, ORDER);
        frame.putShort(LENGTH_OFFSET, (short) payloadLength, ORDER);
        final int crcOffset = HEADER_LENGTH + payloadLength;
        frame.putShort(crcOffset, (short) Crc16.compute(frame, 0, crcOffset), ORDER);
        final int encodedLength = Cobs.encode(frame, 0, crcOffset + CRC_LENGTH, out, outOffset);
        out.putByte(outOffset + encodedLength, (byte) 0);
        return encodedLength + 1;
    }
}
