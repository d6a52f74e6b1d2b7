package dev.sparring.benchmarks;

import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.protocol.CommandFlyweight;
import dev.sparring.bridge.protocol.FrameDecoder;
import dev.sparring.bridge.protocol.FrameEncoder;
import dev.sparring.bridge.protocol.StateFlyweight;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bridge protocol's codec cost per frame, the host's share of a 1 kHz tick over the link: encoding a 2-joint
 * COMMAND (flyweight writes, header, CRC-16, COBS: 54 bytes on the wire) and decoding a 2-joint STATE (COBS, CRC,
 * checks, sequence, a handler reading the joints: 58 bytes on the wire). With {@code -prof gc} both show 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class BridgeCodecBenchmark {
    private static final int JOINTS = 2;

    private final FrameEncoder encoder = new FrameEncoder();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
    private final CommandFlyweight command = new CommandFlyweight();
    private final StateFlyweight state = new StateFlyweight();
    private final UnsafeBuffer stateFrame = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
    private final float[] positions = new float[JOINTS];
    private final FrameDecoder decoder = new FrameDecoder(this::onFrame);
    private int stateFrameLength;
    private int sequence;

    /** Encodes the STATE frame the decoding benchmark reads. */
    @Setup
    public void setUp() {
        final FrameEncoder stateEncoder = new FrameEncoder();
        final StateFlyweight written = new StateFlyweight().wrap(stateEncoder.payload(), 0).firmwareTimeUs(123_456)
            .bootCount(1).lastCommandSequence(41).mode(BridgeProtocol.MODE_ACTIVE).jointCount(JOINTS).faultBits(0)
            .temperatureCentiC(3650).crcErrors(0).sequenceGaps(0);
        for (int joint = 0; joint < JOINTS; joint++) {
            written.position(joint, 0.1f * (joint + 1)).velocity(joint, -0.25f).effort(joint, 1.5f);
        }
        stateFrameLength = stateEncoder.encode(BridgeProtocol.STATE, 42, BridgeProtocol.stateLength(JOINTS),
            stateFrame, 0);
    }

    /**
     * @return the encoded length.
     */
    @Benchmark
    public int encodeCommand() {
        final int next = sequence++;
        command.wrap(encoder.payload(), 0).jointCount(JOINTS);
        for (int joint = 0; joint < JOINTS; joint++) {
            command.positionTarget(joint, next * 1e-3f).velocityTarget(joint, 0.0f).effort(joint, 0.5f)
                .kp(joint, 20.0f).kd(joint, 0.5f);
        }
        return encoder.encode(BridgeProtocol.COMMAND, next, BridgeProtocol.commandLength(JOINTS), out, 0);
    }

    /**
     * @return the second joint's position, as the handler read it.
     */
    @Benchmark
    public float decodeState() {
        decoder.onBytes(stateFrame, 0, stateFrameLength);
        return positions[JOINTS - 1];
    }

    private void onFrame(final int type, final int frameSequence, final DirectBuffer buffer, final int offset,
        final int length) {
        state.wrap(buffer, offset);
        for (int joint = 0; joint < JOINTS; joint++) {
            positions[joint] = state.position(joint);
        }
    }
}
