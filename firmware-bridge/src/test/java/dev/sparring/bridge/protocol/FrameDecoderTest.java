package dev.sparring.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.AllocationProbe;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder: resynchronisation, each error counted and its frame dropped, delivery in pieces of any size,
 * sequence gaps (wrap-aware), and no allocation after warm-up.
 */
class FrameDecoderTest {
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameCapture capture = new FrameCapture();
    private final FrameDecoder decoder = new FrameDecoder(capture);

    @Test
    void shouldResynchroniseAfterGarbage() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[400]);
        int length = 0;
        for (int i = 0; i < 40; i++) {
            stream.putByte(length++, (byte) (0x5A + i));
        }
        stream.putByte(length++, (byte) 0);
        length += state(7, stream, length);

        assertEquals(1, decoder.onBytes(stream, 0, length));
        assertEquals(7, capture.only().sequence());
        assertEquals(1, decoder.frames());
        assertEquals(1, errors());
    }

    @Test
    void shouldLoseOnlyTheFrameGarbageRanInto() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[400]);
        stream.putByte(0, (byte) 0x42);
        stream.putByte(1, (byte) 0x17);
        int length = 2;
        length += state(1, stream, length);
        length += state(2, stream, length);

        assertEquals(1, decoder.onBytes(stream, 0, length));
        assertEquals(2, capture.only().sequence());
        assertEquals(1, errors());
    }

    @Test
    void shouldCountACrcErrorAndDropTheFrame() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        final int length = state(3, stream, 0);
        final int dataByte = firstDataByteAfter(20, stream, length);
        stream.putByte(dataByte, (byte) (stream.getByte(dataByte) ^ 0x40));

        assertEquals(0, decoder.onBytes(stream, 0, length));
        assertEquals(1, decoder.crcErrors());
        assertEquals(0, decoder.frames());
        assertEquals(0, capture.frames.size());
    }

    @Test
    void shouldDropAnOversizeChunkAndDecodeTheNextFrame() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[1000]);
        int length = 0;
        for (int i = 0; i < BridgeProtocol.MAX_ENCODED + 50; i++) {
            stream.putByte(length++, (byte) 0x33);
        }
        stream.putByte(length++, (byte) 0);
        length += state(4, stream, length);

        assertEquals(1, decoder.onBytes(stream, 0, length));
        assertEquals(1, decoder.oversizeFrames());
        assertEquals(1, errors());
        assertEquals(4, capture.only().sequence());
    }

    @Test
    void shouldCountAChunkThatIsNotCobs() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[]{0x09, 0x01, 0x02, 0x00});

        assertEquals(0, decoder.onBytes(stream, 0, stream.capacity()));
        assertEquals(1, decoder.cobsErrors());
        assertEquals(1, errors());
    }

    @Test
    void shouldIgnoreEmptyChunks() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[]{0, 0, 0});

        assertEquals(0, decoder.onBytes(stream, 0, stream.capacity()));
        assertEquals(0, errors());
    }

    @Test
    void shouldCountFramesWhoseHeaderOrLengthIsWrongAsMalformed() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[2000]);
        int length = 0;
        final int twoJoints = BridgeProtocol.stateLength(2);
        length += raw(BridgeProtocol.STATE, 1, twoJoints, twoJoints, 2, stream, length);
        length += raw(BridgeProtocol.STATE, 0, twoJoints + 1, twoJoints, 2, stream, length);
        length += raw(0x42, 0, 0, 0, 0, stream, length);
        length += raw(BridgeProtocol.STATE, 0, BridgeProtocol.stateLength(1), BridgeProtocol.stateLength(1), 2,
            stream, length);
        length += raw(BridgeProtocol.STATE, 0, BridgeProtocol.stateLength(9), BridgeProtocol.stateLength(9), 9,
            stream, length);
        length += raw(BridgeProtocol.FAULT, 0, BridgeProtocol.FAULT_LENGTH - 1, BridgeProtocol.FAULT_LENGTH - 1, 0,
            stream, length);
        length += raw(BridgeProtocol.STATE, 0, 5, 5, 0, stream, length);
        stream.putBytes(length, new byte[]{0x03, 0x01, 0x02, 0x00});
        length += 4;

        assertEquals(0, decoder.onBytes(stream, 0, length));
        assertEquals(8, decoder.malformedFrames());
        assertEquals(8, errors());
    }

    @Test
    void shouldAcceptAStateOfNoJoints() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        final int noJoints = BridgeProtocol.stateLength(0);
        final int length = raw(BridgeProtocol.STATE, 0, noJoints, noJoints, 0, stream, 0);

        assertEquals(1, decoder.onBytes(stream, 0, length));
    }

    @Test
    void shouldDeliverFramesArrivingOneByteAtATime() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[1000]);
        int length = 0;
        for (int sequence = 0; sequence < 5; sequence++) {
            length += state(sequence, stream, length);
        }

        int delivered = 0;
        for (int i = 0; i < length; i++) {
            delivered += decoder.onBytes(stream, i, 1);
        }

        assertEquals(5, delivered);
        for (int sequence = 0; sequence < 5; sequence++) {
            final FrameCapture.Frame frame = capture.frames.get(sequence);
            assertEquals(sequence, frame.sequence());
            assertEquals(0.25f * sequence, new StateFlyweight().wrap(frame.payload(), 0).position(1));
        }
        assertEquals(0, errors());
    }

    @Test
    void shouldDeliverManyFramesInOneCall() {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[100 * FrameEncoder.MAX_OUTPUT]);
        int length = 0;
        for (int sequence = 0; sequence < 100; sequence++) {
            length += state(sequence, stream, length);
        }

        assertEquals(100, decoder.onBytes(stream, 0, length));
        assertEquals(100, decoder.frames());
        assertEquals(0, decoder.sequenceGaps());
    }

    @Test
    void shouldCountTheFramesASequenceGapMissed() {
        assertEquals(0, gapsAfter(10, 11, 12));
        assertEquals(2, gapsAfter(0, 1, 4));
        assertEquals(1 + 65_535, gapsAfter(5, 7, 7));
    }

    @Test
    void shouldCountNoGapWhenTheSequenceWrapsAt65536() {
        assertEquals(0, gapsAfter(65_534, 65_535, 0, 1));
        assertEquals(2, gapsAfter(65_534, 65_535, 2));
        assertEquals(3, gapsAfter(65_533, 1));
    }

    @Test
    void shouldTakeTheFirstFrameAfterAResetAsTheStartOfNumbering() {
        decode(100, 101);
        decoder.resetSequence();
        decode(0, 1);

        assertEquals(0, decoder.sequenceGaps());
    }

    @Test
    void shouldWithdrawTheGapOfTheFrameThatAnnouncedARestart() {
        final FrameDecoder[] self = new FrameDecoder[1];
        final long[] gapsSeenByHandler = new long[1];
        self[0] = new FrameDecoder((type, sequence, buffer, offset, length) -> {
            if (type == BridgeProtocol.HELLO_REPLY) {
                gapsSeenByHandler[0] = self[0].sequenceGaps();
                self[0].resetSequence();
            }
        });
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[1000]);
        int length = state(500, stream, 0);
        length += state(501, stream, length);
        new HelloReplyFlyweight().wrap(encoder.payload(), 0).protocolVersion(1).firmwareVersion(1).capabilities(0)
            .maxJoints(8).bootCount(2);
        length += encoder.encode(BridgeProtocol.HELLO_REPLY, 0, BridgeProtocol.HELLO_REPLY_LENGTH, stream, length);
        length += state(1, stream, length);
        length += state(3, stream, length);

        assertEquals(5, self[0].onBytes(stream, 0, length));
        assertEquals(65_536 - 502, gapsSeenByHandler[0]);
        assertEquals(1, self[0].sequenceGaps());
    }

    @Test
    void shouldRefuseAPayloadLongerThanAFrameHolds() {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> encoder.encode(BridgeProtocol.STATE, 0, BridgeProtocol.MAX_PAYLOAD + 1, out, 0));
        assertEquals("payload length must be 0..240 bytes, was 241", error.getMessage());
    }

    @Test
    void shouldEncodeACommandAndDecodeAStateWithoutAllocating() {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        final UnsafeBuffer stateFrame = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        final int stateLength = state(9, stateFrame, 0);
        final CommandFlyweight command = new CommandFlyweight();
        final StateFlyweight state = new StateFlyweight();
        final float[] positions = new float[2];
        final FrameDecoder reader = new FrameDecoder((type, sequence, buffer, offset, length) -> {
            state.wrap(buffer, offset);
            positions[0] = state.position(0);
            positions[1] = state.position(1);
        });

        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(20_000, i -> {
            command.wrap(encoder.payload(), 0).jointCount(2);
            for (int joint = 0; joint < 2; joint++) {
                command.positionTarget(joint, i).velocityTarget(joint, 0).effort(joint, 0).kp(joint, 20)
                    .kd(joint, 1);
            }
            encoder.encode(BridgeProtocol.COMMAND, i, BridgeProtocol.commandLength(2), out, 0);
            reader.resetSequence();
            reader.onBytes(stateFrame, 0, stateLength);
        });

        assertEquals(0, bytes);
        assertEquals(9 * 0.25f, positions[1]);
    }

    private long gapsAfter(final int... sequences) {
        final FrameDecoder fresh = new FrameDecoder((type, sequence, buffer, offset, length) -> { });
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        for (final int sequence : sequences) {
            fresh.onBytes(stream, 0, state(sequence, stream, 0));
        }
        assertEquals(sequences.length, fresh.frames());
        return fresh.sequenceGaps();
    }

    private void decode(final int... sequences) {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
        for (final int sequence : sequences) {
            decoder.onBytes(stream, 0, state(sequence, stream, 0));
        }
    }

    /**
     * The first byte at or after start of an encoded frame that is a payload byte rather than a COBS code byte, and
     * not 0x40 (whose bit 6 flipped would make a delimiter).
     */
    private static int firstDataByteAfter(final int start, final UnsafeBuffer encoded, final int length) {
        final boolean[] codes = new boolean[length];
        for (int i = 0; i < length - 1; i += encoded.getByte(i) & 0xFF) {
            codes[i] = true;
        }
        for (int i = start; i < length - 1; i++) {
            if (!codes[i] && encoded.getByte(i) != 0x40) {
                return i;
            }
        }
        throw new AssertionError("no data byte after " + start);
    }

    private long errors() {
        return decoder.crcErrors() + decoder.cobsErrors() + decoder.oversizeFrames() + decoder.malformedFrames();
    }

    /** Encodes a 2-joint STATE whose joint 1 position is 0.25 × its sequence number. */
    private int state(final int sequence, final UnsafeBuffer out, final int offset) {
        new StateFlyweight().wrap(encoder.payload(), 0).firmwareTimeUs(1000L * sequence).bootCount(1)
            .lastCommandSequence(sequence).mode(BridgeProtocol.MODE_ACTIVE).jointCount(2).faultBits(0)
            .temperatureCentiC(2500).crcErrors(0).sequenceGaps(0)
            .position(0, 0.5f).velocity(0, 0.0f).effort(0, 1.0f)
            .position(1, 0.25f * sequence).velocity(1, 0.0f).effort(1, 0.0f);
        return encoder.encode(BridgeProtocol.STATE, sequence, BridgeProtocol.stateLength(2), out, offset);
    }

    /**
     * Encodes a frame by hand, with a valid CRC, so a test can make its header disagree with its payload: the payload
     * (zeros, with the joint count in STATE's joint count byte when it reaches it) is payloadLength bytes long.
     */
    private static int raw(final int type, final int reserved, final int lengthField, final int payloadLength,
        final int joints, final UnsafeBuffer out, final int offset) {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[BridgeProtocol.MAX_FRAME]);
        frame.putByte(BridgeProtocol.TYPE_OFFSET, (byte) type);
        frame.putByte(BridgeProtocol.RESERVED_OFFSET, (byte) reserved);
        frame.putShort(BridgeProtocol.LENGTH_OFFSET, (short) lengthField, ByteOrder.LITTLE_ENDIAN);
        if (payloadLength > StateFlyweight.JOINT_COUNT_OFFSET) {
            frame.putByte(BridgeProtocol.HEADER_LENGTH + StateFlyweight.JOINT_COUNT_OFFSET, (byte) joints);
        }
        final int crcOffset = BridgeProtocol.HEADER_LENGTH + payloadLength;
        frame.putShort(crcOffset, (short) Crc16.compute(frame, 0, crcOffset), ByteOrder.LITTLE_ENDIAN);
        final int length = Cobs.encode(frame, 0, crcOffset + BridgeProtocol.CRC_LENGTH, out, offset);
        out.putByte(offset + length, (byte) 0);
        return length + 1;
    }
}
