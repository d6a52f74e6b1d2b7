package dev.sparring.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparring.bridge.protocol.FrameCapture.Frame;

import java.util.HexFormat;
import java.util.function.Consumer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every test vector of {@code firmware-bridge/protocol/test-vectors.txt}: the CRC check value, COBS both ways, and each
 * frame encoded from the field values {@code make-test-vectors.py} lists, byte for byte, and decoded back to them.
 */
class ProtocolVectorsTest {
    private final FrameEncoder encoder = new FrameEncoder();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);

    @Test
    void shouldComputeTheCheckValueOfTheVectors() {
        final TestVectors.Vector vector = TestVectors.vector("crc16");
        final int expected = Integer.parseInt(HexFormat.of().formatHex(vector.output()), 16);

        assertEquals(0x29B1, expected);
        assertEquals(expected, Crc16.compute(new UnsafeBuffer(vector.input()), 0, vector.input().length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cobs-empty", "cobs-one-zero", "cobs-two-zeros", "cobs-mixed", "cobs-nonzero-254",
        "cobs-nonzero-255", "cobs-zero-then-254"})
    void shouldEncodeEachCobsVectorExactly(final String name) {
        final TestVectors.Vector vector = TestVectors.vector(name);
        final UnsafeBuffer target = new UnsafeBuffer(new byte[Cobs.maxEncodedLength(vector.input().length)]);

        final int length = Cobs.encode(new UnsafeBuffer(vector.input()), 0, vector.input().length, target, 0);

        assertArrayEquals(vector.output(), copy(target, length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cobs-empty", "cobs-one-zero", "cobs-two-zeros", "cobs-mixed", "cobs-nonzero-254",
        "cobs-nonzero-255", "cobs-zero-then-254"})
    void shouldDecodeEachCobsVectorBack(final String name) {
        final TestVectors.Vector vector = TestVectors.vector(name);
        final UnsafeBuffer target = new UnsafeBuffer(new byte[vector.output().length]);

        final int length = Cobs.decode(new UnsafeBuffer(vector.output()), 0, vector.output().length, target, 0,
            target.capacity());

        assertArrayEquals(vector.input(), copy(target, length));
    }

    @Test
    void shouldMatchTheHelloVector() {
        assertEncodes("frame-hello", BridgeProtocol.HELLO, 0, BridgeProtocol.HELLO_LENGTH,
            payload -> new HelloFlyweight().wrap(payload, 0).protocolVersion(1));

        final Frame frame = decode("frame-hello", BridgeProtocol.HELLO, 0);
        assertEquals(1, new HelloFlyweight().wrap(frame.payload(), 0).protocolVersion());
    }

    @Test
    void shouldMatchTheConfigureVector() {
        assertEncodes("frame-configure", BridgeProtocol.CONFIGURE, 1, BridgeProtocol.configureLength(2),
            payload -> new ConfigureFlyweight().wrap(payload, 0)
                .jointCount(2).controlMode(BridgeProtocol.CONTROL_EFFORT).safeMode(BridgeProtocol.SAFE_DAMPING)
                .watchdogTimeoutMs(50).safeKd(0.5f)
                .positionMin(0, -2.4f).positionMax(0, 2.4f).velocityMax(0, 5.0f).effortMax(0, 10.0f)
                .positionMin(1, -3.5f).positionMax(1, 3.5f).velocityMax(1, 20.0f).effortMax(1, 0.0f));

        final Frame frame = decode("frame-configure", BridgeProtocol.CONFIGURE, 1);
        final ConfigureFlyweight configure = new ConfigureFlyweight().wrap(frame.payload(), 0);
        assertEquals(2, configure.jointCount());
        assertEquals(BridgeProtocol.CONTROL_EFFORT, configure.controlMode());
        assertEquals(BridgeProtocol.SAFE_DAMPING, configure.safeMode());
        assertEquals(50, configure.watchdogTimeoutMs());
        assertEquals(0.5f, configure.safeKd());
        assertEquals(-2.4f, configure.positionMin(0));
        assertEquals(2.4f, configure.positionMax(0));
        assertEquals(5.0f, configure.velocityMax(0));
        assertEquals(10.0f, configure.effortMax(0));
        assertEquals(-3.5f, configure.positionMin(1));
        assertEquals(3.5f, configure.positionMax(1));
        assertEquals(20.0f, configure.velocityMax(1));
        assertEquals(0.0f, configure.effortMax(1));
    }

    @Test
    void shouldMatchTheCommandVector() {
        assertEncodes("frame-command", BridgeProtocol.COMMAND, 2, BridgeProtocol.commandLength(2),
            payload -> new CommandFlyweight().wrap(payload, 0).jointCount(2)
                .positionTarget(0, 0.0f).velocityTarget(0, 0.0f).effort(0, 1.5f).kp(0, 0.0f).kd(0, 0.0f)
                .positionTarget(1, 0.0f).velocityTarget(1, 0.0f).effort(1, 0.0f).kp(1, 0.0f).kd(1, 0.0f));

        final Frame frame = decode("frame-command", BridgeProtocol.COMMAND, 2);
        final CommandFlyweight command = new CommandFlyweight().wrap(frame.payload(), 0);
        assertEquals(2, command.jointCount());
        assertEquals(1.5f, command.effort(0));
        for (int joint = 0; joint < 2; joint++) {
            assertEquals(0.0f, command.positionTarget(joint));
            assertEquals(0.0f, command.velocityTarget(joint));
            assertEquals(0.0f, command.kp(joint));
            assertEquals(0.0f, command.kd(joint));
        }
        assertEquals(0.0f, command.effort(1));
    }

    @Test
    void shouldMatchTheEmptyMessageVectors() {
        assertEncodes("frame-heartbeat", BridgeProtocol.HEARTBEAT, 3, 0, payload -> { });
        assertEncodes("frame-estop", BridgeProtocol.ESTOP, 4, 0, payload -> { });
        assertEncodes("frame-clear", BridgeProtocol.CLEAR, 5, 0, payload -> { });

        assertEquals(0, decode("frame-heartbeat", BridgeProtocol.HEARTBEAT, 3).payload().capacity());
        assertEquals(0, decode("frame-estop", BridgeProtocol.ESTOP, 4).payload().capacity());
        assertEquals(0, decode("frame-clear", BridgeProtocol.CLEAR, 5).payload().capacity());
    }

    @Test
    void shouldMatchTheHelloReplyVector() {
        assertEncodes("frame-hello-reply", BridgeProtocol.HELLO_REPLY, 0, BridgeProtocol.HELLO_REPLY_LENGTH,
            payload -> new HelloReplyFlyweight().wrap(payload, 0).protocolVersion(1).firmwareVersion(0x010000)
                .capabilities(0b1111).maxJoints(8).bootCount(7));

        final Frame frame = decode("frame-hello-reply", BridgeProtocol.HELLO_REPLY, 0);
        final HelloReplyFlyweight reply = new HelloReplyFlyweight().wrap(frame.payload(), 0);
        assertEquals(1, reply.protocolVersion());
        assertEquals(0x010000, reply.firmwareVersion());
        assertEquals(BridgeProtocol.CAP_EFFORT | BridgeProtocol.CAP_PD | BridgeProtocol.CAP_DAMPING
            | BridgeProtocol.CAP_SIMULATED, reply.capabilities());
        assertEquals(8, reply.maxJoints());
        assertEquals(7, reply.bootCount());
    }

    @Test
    void shouldMatchTheStateVector() {
        assertEncodes("frame-state", BridgeProtocol.STATE, 1, BridgeProtocol.stateLength(2),
            payload -> new StateFlyweight().wrap(payload, 0).firmwareTimeUs(123456).bootCount(7)
                .lastCommandSequence(2).mode(BridgeProtocol.MODE_ACTIVE).jointCount(2).faultBits(0)
                .temperatureCentiC(3650).crcErrors(0).sequenceGaps(0)
                .position(0, 0.1f).velocity(0, -0.25f).effort(0, 1.5f)
                .position(1, 0.05f).velocity(1, 0.0f).effort(1, 0.0f));

        final Frame frame = decode("frame-state", BridgeProtocol.STATE, 1);
        final StateFlyweight state = new StateFlyweight().wrap(frame.payload(), 0);
        assertEquals(123456, state.firmwareTimeUs());
        assertEquals(7, state.bootCount());
        assertEquals(2, state.lastCommandSequence());
        assertEquals(BridgeProtocol.MODE_ACTIVE, state.mode());
        assertEquals(2, state.jointCount());
        assertEquals(0, state.faultBits());
        assertEquals(3650, state.temperatureCentiC());
        assertEquals(0, state.crcErrors());
        assertEquals(0, state.sequenceGaps());
        assertEquals(0.1f, state.position(0));
        assertEquals(-0.25f, state.velocity(0));
        assertEquals(1.5f, state.effort(0));
        assertEquals(0.05f, state.position(1));
        assertEquals(0.0f, state.velocity(1));
        assertEquals(0.0f, state.effort(1));
    }

    @Test
    void shouldMatchTheFaultVector() {
        assertEncodes("frame-fault", BridgeProtocol.FAULT, 2, BridgeProtocol.FAULT_LENGTH,
            payload -> new FaultFlyweight().wrap(payload, 0).code(BridgeProtocol.FAULT_WATCHDOG)
                .mode(BridgeProtocol.MODE_SAFE).sequence(2).firmwareTimeUs(173456));

        final Frame frame = decode("frame-fault", BridgeProtocol.FAULT, 2);
        final FaultFlyweight fault = new FaultFlyweight().wrap(frame.payload(), 0);
        assertEquals(BridgeProtocol.FAULT_WATCHDOG, fault.code());
        assertEquals(BridgeProtocol.MODE_SAFE, fault.mode());
        assertEquals(2, fault.sequence());
        assertEquals(173456, fault.firmwareTimeUs());
        assertEquals("WATCHDOG", BridgeProtocol.faultName(fault.code()));
        assertEquals("SAFE", BridgeProtocol.modeName(fault.mode()));
    }

    private void assertEncodes(final String name, final int type, final int sequence, final int payloadLength,
        final Consumer<MutableDirectBuffer> writer) {
        writer.accept(encoder.payload());
        final int length = encoder.encode(type, sequence, payloadLength, out, 0);
        assertEquals(HexFormat.of().formatHex(TestVectors.vector(name).output()),
            HexFormat.of().formatHex(copy(out, length)), name);
    }

    private static Frame decode(final String name, final int type, final int sequence) {
        final byte[] bytes = TestVectors.vector(name).output();
        final FrameCapture capture = new FrameCapture();
        final FrameDecoder decoder = new FrameDecoder(capture);

        assertEquals(1, decoder.onBytes(new UnsafeBuffer(bytes), 0, bytes.length), name);
        final Frame frame = capture.only();
        assertEquals(type, frame.type(), name);
        assertEquals(sequence, frame.sequence(), name);
        return frame;
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length) {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
