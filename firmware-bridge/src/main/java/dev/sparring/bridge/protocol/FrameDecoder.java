package dev.sparring.bridge.protocol;

import static dev.sparring.bridge.protocol.BridgeProtocol.CRC_LENGTH;
import static dev.sparring.bridge.protocol.BridgeProtocol.HEADER_LENGTH;
import static dev.sparring.bridge.protocol.BridgeProtocol.LENGTH_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.MAX_ENCODED;
import static dev.sparring.bridge.protocol.BridgeProtocol.MAX_FRAME;
import static dev.sparring.bridge.protocol.BridgeProtocol.RESERVED_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.SEQUENCE_OFFSET;
import static dev.sparring.bridge.protocol.BridgeProtocol.TYPE_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes a byte stream into frames as the bytes arrive, in pieces of any size, allocating nothing. Bytes collect up
 * to a {@code 0x00} delimiter; the frame is then COBS-decoded and checked, and delivered to the {@link FrameHandler}
 * when valid. Every non-empty delimited chunk is counted exactly once: as a frame, or as one of the errors below
 * (checked in this order), after which the decoder resynchronises at the next delimiter. Empty chunks (two delimiters
 * in a row: a sender's flush) are ignored.
 * <ol>
 *     <li><em>oversize</em>: more than {@value BridgeProtocol#MAX_ENCODED} encoded bytes (dropped as they arrive,
 *     counted at the delimiter), or more than {@value BridgeProtocol#MAX_FRAME} decoded;</li>
 *     <li><em>COBS error</em>: a code byte that runs past the chunk's end;</li>
 *     <li><em>malformed</em>: shorter than a header and CRC;</li>
 *     <li><em>CRC error</em>: the CRC-16 over header and payload does not match (any corrupted byte lands here);</li>
 *     <li><em>malformed</em>: reserved byte ≠ 0, payload length field ≠ decoded length − 8, unknown type, or a
 *     payload length other than the one its type and joint count require.</li>
 * </ol>
 * Sequence numbers: the first frame (after construction or {@link #resetSequence()}) sets the expected number; a
 * frame whose number is not the expected one adds {@code (sequence − expected) mod 65 536} to
 * {@link #sequenceGaps()}; the next one expected is {@code sequence + 1}. The gap is counted before the frame is
 * delivered, so the handler sees it. Not thread-safe: one decoder per receiving thread.
 */
public final class FrameDecoder {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SEQUENCE_MASK = BridgeProtocol.SEQUENCE_MODULUS - 1;

    private final FrameHandler handler;
    private final UnsafeBuffer encoded = new UnsafeBuffer(new byte[MAX_ENCODED]);
    private final UnsafeBuffer decoded = new UnsafeBuffer(new byte[MAX_ENCODED]);
    private int encodedLength;
    private boolean discarding;
    private long frames;
    private long crcErrors;
    private long cobsErrors;
    private long oversizeFrames;
    private long malformedFrames;
    private long sequenceGaps;
    private boolean sequenceKnown;
    private int expectedSequence;
    private boolean delivering;
    private int deliveringGap;

    /**
     * @param handler receives every valid frame.
     */
    public FrameDecoder(final FrameHandler handler) {
        this.handler = handler;
    }

    /**
     * Consumes received bytes; delivers each frame they complete.
     *
     * @param buffer the bytes.
     * @param offset the first byte.
     * @param length how many bytes.
     * @return how many valid frames were delivered.
     */
    public int onBytes(final DirectBuffer buffer, final int offset, final int length) {
        int delivered = 0;
        final int end = offset + length;
        int start = offset;
        while (start < end) {
            int delimiter = start;
            while (delimiter < end && buffer.getByte(delimiter) != 0) {
                delimiter++;
            }
            final int run = delimiter - start;
            if (!discarding) {
                if (encodedLength + run > MAX_ENCODED) {
                    discarding = true;
                } else {
                    encoded.putBytes(encodedLength, buffer, start, run);
                    encodedLength += run;
                }
            }
            if (delimiter == end) {
                break;
            }
            if (discarding) {
                oversizeFrames++;
                discarding = false;
            } else if (encodedLength > 0) {
                delivered += onChunk();
            }
            encodedLength = 0;
            start = delimiter + 1;
        }
        return delivered;
    }

    private int onChunk() {
        final int length = Cobs.decode(encoded, 0, encodedLength, decoded, 0, MAX_ENCODED);
        if (length > MAX_FRAME) {
            oversizeFrames++;
            return 0;
        }
        if (length < 0) {
            cobsErrors++;
            return 0;
        }
        if (length < HEADER_LENGTH + CRC_LENGTH) {
            malformedFrames++;
            return 0;
        }
        final int crcOffset = length - CRC_LENGTH;
        if (Crc16.compute(decoded, 0, crcOffset) != (decoded.getShort(crcOffset, ORDER) & 0xFFFF)) {
            crcErrors++;
            return 0;
        }
        final int type = decoded.getByte(TYPE_OFFSET) & 0xFF;
        final int payloadLength = crcOffset - HEADER_LENGTH;
        if (decoded.getByte(RESERVED_OFFSET) != 0
            || (decoded.getShort(LENGTH_OFFSET, ORDER) & 0xFFFF) != payloadLength
            || BridgeProtocol.requiredPayloadLength(type, decoded, HEADER_LENGTH, payloadLength) != payloadLength) {
            malformedFrames++;
            return 0;
        }
        final int sequence = decoded.getShort(SEQUENCE_OFFSET, ORDER) & SEQUENCE_MASK;
        deliveringGap = sequenceKnown ? (sequence - expectedSequence) & SEQUENCE_MASK : 0;
        sequenceGaps += deliveringGap;
        sequenceKnown = true;
        expectedSequence = (sequence + 1) & SEQUENCE_MASK;
        frames++;
        delivering = true;
        try {
            handler.onFrame(type, sequence, decoded, HEADER_LENGTH, payloadLength);
        } finally {
            delivering = false;
        }
        return 1;
    }

    /**
     * Starts a new numbering, after the sender restarted. Called from {@link FrameHandler#onFrame} (on the frame that
     * announced the restart, such as an unsolicited HELLO_REPLY), the frame being delivered becomes the first of the
     * new numbering and the gap counted for it is withdrawn; called elsewhere, the next frame sets the expected
     * number.
     */
    public void resetSequence() {
        if (delivering) {
            sequenceGaps -= deliveringGap;
            deliveringGap = 0;
        } else {
            sequenceKnown = false;
        }
    }

    /**
     * @return valid frames delivered.
     */
    public long frames() {
        return frames;
    }

    /**
     * @return frames dropped because their CRC did not match.
     */
    public long crcErrors() {
        return crcErrors;
    }

    /**
     * @return chunks dropped because they were not valid COBS.
     */
    public long cobsErrors() {
        return cobsErrors;
    }

    /**
     * @return chunks dropped because they were longer than any frame.
     */
    public long oversizeFrames() {
        return oversizeFrames;
    }

    /**
     * @return frames dropped for a bad length, reserved byte or type, or a payload length wrong for their type.
     */
    public long malformedFrames() {
        return malformedFrames;
    }

    /**
     * @return frames missed by the sequence numbers: the sum of every gap, {@code (sequence − expected) mod 65 536}.
     */
    public long sequenceGaps() {
        return sequenceGaps;
    }
}
