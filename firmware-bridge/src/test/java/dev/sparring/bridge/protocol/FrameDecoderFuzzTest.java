package dev.sparring.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A seeded fuzzer of the frame decoder: random bytes, fresh frames of random content, and mutations (bit flips,
 * truncations, duplications, splices, insertions, deletions, concatenations) of the seed frames, which are the files
 * of {@code firmware-bridge/protocol/corpus/} (the C fuzzer's corpus) or, while that directory does not exist, the
 * test vectors' frames. Each input reaches the decoder in pieces of random size. Invariants: no exception (an
 * out-of-bounds access throws: Agrona's bounds checks are on), no hang (a preemptive timeout), every delivered frame
 * re-encodes to a frame that decodes to the same type, sequence and payload, and every non-empty delimited chunk is
 * counted exactly once (as a frame or as one error).
 */
class FrameDecoderFuzzTest {
    private static final long[] SEEDS = {1L, 2L, 3L, 4L};
    private static final int INPUTS_PER_SEED = 250_000;
    private static final int MAX_INPUT = 1200;

    private final List<byte[]> corpus = corpus();
    private final byte[] input = new byte[MAX_INPUT];
    private final byte[] slice = new byte[MAX_INPUT];
    private final UnsafeBuffer inputBuffer = new UnsafeBuffer(input);
    private final FrameEncoder reencoder = new FrameEncoder();
    private final UnsafeBuffer reencoded = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
    private final FrameEncoder generator = new FrameEncoder();
    private final UnsafeBuffer generated = new UnsafeBuffer(new byte[FrameEncoder.MAX_OUTPUT]);
    private final RoundTripCheck roundTrip = new RoundTripCheck();
    private final FrameDecoder checker = new FrameDecoder(roundTrip);
    private final FrameDecoder decoder = new FrameDecoder(this::onFrame);
    private long chunksTerminated;
    private boolean chunkOpen;

    @Test
    @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
    void shouldSurviveAMillionRandomAndMutatedInputsWithItsCountersAddingUp() {
        assertTrue(!corpus.isEmpty(), "no seed frames");
        long delivered = 0;
        long inputs = 0;
        for (final long seed : SEEDS) {
            final SplitMix64 random = new SplitMix64(seed);
            for (int i = 0; i < INPUTS_PER_SEED; i++) {
                final int length = nextInput(random);
                delivered += feed(random, length);
                if (random.nextInt(2) == 0) {
                    input[0] = 0;
                    delivered += feed(random, 1);
                }
                inputs++;
            }
        }

        assertEquals(SEEDS.length * (long) INPUTS_PER_SEED, inputs);
        assertEquals(decoder.frames(), delivered);
        assertEquals(delivered, roundTrip.checked);
        assertTrue(delivered > 10_000, "too few valid frames to exercise delivery: " + delivered);
        assertEquals(chunksTerminated, decoder.frames() + decoder.crcErrors() + decoder.cobsErrors()
            + decoder.oversizeFrames() + decoder.malformedFrames());
        assertTrue(decoder.crcErrors() > 0 && decoder.cobsErrors() > 0 && decoder.oversizeFrames() > 0
            && decoder.malformedFrames() > 0, "every error kind should occur");
    }

    private int feed(final SplitMix64 random, final int length) {
        for (int i = 0; i < length; i++) {
            if (input[i] == 0) {
                if (chunkOpen) {
                    chunksTerminated++;
                }
                chunkOpen = false;
            } else {
                chunkOpen = true;
            }
        }
        int delivered = 0;
        int offset = 0;
        while (offset < length) {
            final int piece = 1 + random.nextInt(length - offset);
            delivered += decoder.onBytes(inputBuffer, offset, piece);
            offset += piece;
        }
        return delivered;
    }

    private void onFrame(final int type, final int sequence, final DirectBuffer buffer, final int payloadOffset,
        final int payloadLength) {
        assertEquals(payloadLength, BridgeProtocol.requiredPayloadLength(type, buffer, payloadOffset, payloadLength));
        reencoder.payload().putBytes(0, buffer, payloadOffset, payloadLength);
        final int length = reencoder.encode(type, sequence, payloadLength, reencoded, 0);
        roundTrip.expect(type, sequence, buffer, payloadOffset, payloadLength);
        checker.resetSequence();
        assertEquals(1, checker.onBytes(reencoded, 0, length));
    }

    private int nextInput(final SplitMix64 random) {
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random);
            case 1 -> flipBits(random, copySeed(random));
            case 2 -> truncate(random, copySeed(random));
            case 3 -> duplicate(random, copySeed(random));
            case 4 -> splice(random);
            case 5 -> insertOrDelete(random, copySeed(random));
            case 6 -> freshFrame(random, 0);
            default -> concatenate(random);
        };
    }

    private int randomBytes(final SplitMix64 random) {
        final int length = random.nextInt(600);
        final int zeroOneIn = 1 + random.nextInt(300);
        for (int i = 0; i < length; i++) {
            input[i] = random.nextInt(zeroOneIn) == 0 ? 0 : (byte) (1 + random.nextInt(255));
        }
        return length;
    }

    private int copySeed(final SplitMix64 random) {
        final byte[] seed = corpus.get(random.nextInt(corpus.size()));
        final int length = Math.min(seed.length, MAX_INPUT / 3);
        System.arraycopy(seed, 0, input, 0, length);
        return length;
    }

    private int flipBits(final SplitMix64 random, final int length) {
        flipBits(random, 0, length);
        return length;
    }

    private void flipBits(final SplitMix64 random, final int from, final int to) {
        if (to > from) {
            final int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                input[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
            }
        }
    }

    private static int truncate(final SplitMix64 random, final int length) {
        return length == 0 ? 0 : random.nextInt(length);
    }

    private int duplicate(final SplitMix64 random, final int length) {
        if (length == 0) {
            return 0;
        }
        final int from = random.nextInt(length);
        final int count = 1 + random.nextInt(length - from);
        final int at = random.nextInt(length + 1);
        System.arraycopy(input, from, slice, 0, count);
        System.arraycopy(input, at, input, at + count, length - at);
        System.arraycopy(slice, 0, input, at, count);
        return length + count;
    }

    private int splice(final SplitMix64 random) {
        final byte[] head = corpus.get(random.nextInt(corpus.size()));
        final byte[] tail = corpus.get(random.nextInt(corpus.size()));
        final int headLength = Math.min(random.nextInt(head.length + 1), MAX_INPUT / 2);
        final int tailStart = random.nextInt(tail.length + 1);
        final int tailLength = Math.min(tail.length - tailStart, MAX_INPUT / 2);
        System.arraycopy(head, 0, input, 0, headLength);
        System.arraycopy(tail, tailStart, input, headLength, tailLength);
        return headLength + tailLength;
    }

    private int insertOrDelete(final SplitMix64 random, final int length) {
        final int at = random.nextInt(length + 1);
        if (random.nextInt(2) == 0 || length == 0) {
            final int count = 1 + random.nextInt(16);
            System.arraycopy(input, at, input, at + count, length - at);
            for (int i = 0; i < count; i++) {
                input[at + i] = (byte) random.nextInt(256);
            }
            return length + count;
        }
        final int count = Math.min(1 + random.nextInt(16), length - at);
        System.arraycopy(input, at + count, input, at, length - at - count);
        return length - count;
    }

    /** A frame of a random known type with a random payload of the length its type requires (so it is valid). */
    private int freshFrame(final SplitMix64 random, final int offset) {
        final int[] types = {BridgeProtocol.HELLO, BridgeProtocol.CONFIGURE, BridgeProtocol.COMMAND,
            BridgeProtocol.HEARTBEAT, BridgeProtocol.ESTOP, BridgeProtocol.CLEAR, BridgeProtocol.HELLO_REPLY,
            BridgeProtocol.STATE, BridgeProtocol.FAULT};
        final int type = types[random.nextInt(types.length)];
        final int joints = random.nextInt(BridgeProtocol.MAX_JOINTS + 1);
        final int length = switch (type) {
            case BridgeProtocol.HELLO -> BridgeProtocol.HELLO_LENGTH;
            case BridgeProtocol.CONFIGURE -> BridgeProtocol.configureLength(joints);
            case BridgeProtocol.COMMAND -> BridgeProtocol.commandLength(joints);
            case BridgeProtocol.HELLO_REPLY -> BridgeProtocol.HELLO_REPLY_LENGTH;
            case BridgeProtocol.STATE -> BridgeProtocol.stateLength(joints);
            case BridgeProtocol.FAULT -> BridgeProtocol.FAULT_LENGTH;
            default -> 0;
        };
        for (int i = 0; i < length; i++) {
            generator.payload().putByte(i, (byte) random.nextInt(256));
        }
        final int countOffset = type == BridgeProtocol.STATE ? StateFlyweight.JOINT_COUNT_OFFSET : 0;
        if (type == BridgeProtocol.CONFIGURE || type == BridgeProtocol.COMMAND || type == BridgeProtocol.STATE) {
            generator.payload().putByte(countOffset, (byte) joints);
        }
        final int encoded = generator.encode(type, random.nextInt(BridgeProtocol.SEQUENCE_MODULUS), length,
            generated, 0);
        generated.getBytes(0, input, offset, encoded);
        return encoded;
    }

    private int concatenate(final SplitMix64 random) {
        final int parts = 2 + random.nextInt(3);
        int length = 0;
        for (int part = 0; part < parts; part++) {
            final int start = length;
            length += freshFrame(random, length);
            if (random.nextInt(3) == 0) {
                flipBits(random, start, length);
            }
        }
        return length;
    }

    private static List<byte[]> corpus() {
        final Path directory = TestVectors.path().resolveSibling("corpus");
        final List<byte[]> seeds = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (final Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    seeds.add(Files.readAllBytes(file));
                }
            } catch (final IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        if (seeds.isEmpty()) {
            for (final TestVectors.Vector vector : TestVectors.load().values()) {
                if (vector.name().startsWith("frame-")) {
                    seeds.add(vector.output());
                }
            }
        }
        return seeds;
    }

    /** Checks that the re-encoded frame decodes to what the fuzzed decoder delivered. */
    private static final class RoundTripCheck implements FrameHandler {
        private int type;
        private int sequence;
        private DirectBuffer buffer;
        private int offset;
        private int length;
        private long checked;

        void expect(final int type, final int sequence, final DirectBuffer buffer, final int offset,
            final int length) {
            this.type = type;
            this.sequence = sequence;
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public void onFrame(final int type, final int sequence, final DirectBuffer buffer, final int payloadOffset,
            final int payloadLength) {
            assertEquals(this.type, type);
            assertEquals(this.sequence, sequence);
            assertEquals(length, payloadLength);
            for (int i = 0; i < payloadLength; i++) {
                assertEquals(this.buffer.getByte(offset + i), buffer.getByte(payloadOffset + i));
            }
            checked++;
        }
    }
}
