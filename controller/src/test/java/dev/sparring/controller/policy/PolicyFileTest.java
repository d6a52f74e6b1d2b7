package dev.sparring.controller.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFileTest {
    private static final PolicyModel MODEL = RandomPolicies.create(42, 17, new int[] {64, 64}, 6, Activation.TANH);
    /** Offset of layer 0's first weight: header, 3 layer entries, obs mean/std/clip, 4 action vectors. */
    private static final int FIRST_WEIGHT = 20 + 3 * 8 + 4 * (17 + 17 + 1) + 4 * 4 * 6;

    private static void assertRejected(final byte[] bytes, final String expected) {
        final PolicyFormatException e = assertThrows(PolicyFormatException.class,
            () -> PolicyReader.read("test.policy", bytes));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
        assertTrue(e.getMessage().startsWith("policy file test.policy"), e.getMessage());
    }

    private static byte[] withChecksum(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    @Test
    void shouldRoundTripThroughFile(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("sub/p.policy");
        PolicyWriter.write(MODEL, file);
        final PolicyModel read = PolicyReader.read(file);
        assertEquals(MODEL, read);
        assertEquals("random-42", read.metadata().get("name"));
        assertArrayEquals(PolicyWriter.toBytes(MODEL), Files.readAllBytes(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void shouldRejectWrongMagic() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        bytes[0] = 'X';
        assertRejected(bytes, "does not start with the policy magic");
        assertRejected("{\"not\": \"a policy\"}".getBytes(), "does not start with the policy magic");
    }

    @Test
    void shouldRejectUnsupportedVersion() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        bytes[8] = 3;
        assertRejected(withChecksum(bytes), "has format version 3, but this controller reads versions 1 and 2");
        bytes[8] = 4;
        assertRejected(bytes, "its format version reads 4, this controller reads 1 and 2");
    }

    @Test
    void shouldWriteADeterministicPolicyAsVersionOneAndAGaussianAsVersionTwoWithItsLogStd(@TempDir final Path dir)
        throws Exception {
        final byte[] deterministic = PolicyWriter.toBytes(MODEL);
        assertEquals(1, deterministic[8], "no std: still version 1, byte for byte, so its id is unchanged");
        final float[] logStd = {-0.5f, -1f, -1.5f, -2f, 0.25f, -20f};
        final PolicyModel gaussian = MODEL.withActionLogStd(logStd);
        final byte[] bytes = PolicyWriter.toBytes(gaussian);
        assertEquals(2, bytes[8]);
        assertEquals(deterministic.length + 4 * 6, bytes.length);
        final int logStdOffset = FIRST_WEIGHT;
        assertEquals(-0.5f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(logStdOffset));
        final Path file = dir.resolve("g.policy");
        PolicyWriter.write(gaussian, file);
        final PolicyModel read = PolicyReader.read(file);
        assertTrue(read.hasActionStd());
        assertArrayEquals(logStd, read.actionLogStd());
        assertEquals(gaussian, read);
        assertTrue(PolicyWriter.id(gaussian) != PolicyWriter.id(MODEL), "the std is part of the policy's id");
        assertTrue(!PolicyReader.read("v1", deterministic).hasActionStd());
    }

    @Test
    void shouldRejectALogStdOutsideItsRangeNamingIt() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL.withActionLogStd(new float[6]));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(FIRST_WEIGHT + 4 * 2, 3f);
        assertRejected(withChecksum(bytes), "action log-std[2] must be in [-20.0, 2.0], was 3.0");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(FIRST_WEIGHT + 4 * 2, Float.NaN);
        assertRejected(withChecksum(bytes), "action log-std[2] must be finite, was NaN");
    }

    @Test
    void shouldRejectEveryTruncationAsAChecksumFailure() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        for (int length = 0; length < bytes.length; length += 97) {
            final byte[] cut = Arrays.copyOf(bytes, length);
            final PolicyFormatException e = assertThrows(PolicyFormatException.class,
                () -> PolicyReader.read("test.policy", cut));
            assertTrue(e.getMessage().contains("is truncated") || e.getMessage().contains("fails its checksum"),
                e.getMessage());
        }
        assertRejected(Arrays.copyOf(bytes, 20), "is truncated: it has 20 bytes, a policy file at least 32");
        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), "fails its checksum");
    }

    @Test
    void shouldNameTheFieldThatRunsIntoTheChecksumWhenTheStructureIsShortButTheChecksumHolds() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        final byte[] cut = Arrays.copyOf(bytes, FIRST_WEIGHT + 10 + 4);
        assertRejected(withChecksum(cut), "layer 0 weights needs 4352 bytes");
    }

    @Test
    void shouldReportAFlippedBitInTheHeaderOrMetadataAsAChecksumFailure() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        for (final int offset : new int[] {12, 16, 20, 24, bytes.length - 20}) {
            final byte[] flipped = bytes.clone();
            flipped[offset] ^= 0x04;
            assertRejected(flipped, "fails its checksum");
        }
    }

    @Test
    void shouldRejectChecksumMismatch() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        bytes[FIRST_WEIGHT + 1] ^= 0x10;
        assertRejected(bytes, "fails its checksum");
    }

    @Test
    void shouldRejectAppendedBytesAsAChecksumFailureAndStrayBytesBeforeAValidChecksum() {
        final byte[] appended = Arrays.copyOf(PolicyWriter.toBytes(MODEL), PolicyWriter.toBytes(MODEL).length + 3);
        assertRejected(appended, "fails its checksum");
        assertRejected(withChecksum(appended), "3 unexpected bytes between its last field");
    }

    @Test
    void shouldRejectNonFiniteWeightNamingLayerAndIndex() {
        final byte[] bytes = PolicyWriter.toBytes(MODEL);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(FIRST_WEIGHT + 4 * 5, Float.NaN);
        assertRejected(withChecksum(bytes), "layer 0 weights[5] must be finite, was NaN");
    }

    @Test
    void shouldRejectUnknownActivationAndBadDimensions() {
        final byte[] activation = PolicyWriter.toBytes(MODEL);
        ByteBuffer.wrap(activation).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 9);
        assertRejected(withChecksum(activation), "unknown activation code 9 for layer 0 at byte 24");
        final byte[] observation = PolicyWriter.toBytes(MODEL);
        ByteBuffer.wrap(observation).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0);
        assertRejected(withChecksum(observation), "observation size 0 at byte 12, outside [1, 65536]");
        final byte[] layers = PolicyWriter.toBytes(MODEL);
        ByteBuffer.wrap(layers).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 1_000_000);
        assertRejected(withChecksum(layers), "layer count 1000000 at byte 16, outside [1, 64]");
    }

    @Test
    void shouldRejectNonPositiveStdAndInvertedLimits() {
        final byte[] std = PolicyWriter.toBytes(MODEL);
        ByteBuffer.wrap(std).order(ByteOrder.LITTLE_ENDIAN).putFloat(20 + 24 + 4 * 17 + 4 * 3, 0f);
        assertRejected(withChecksum(std), "observation std[3] must be > 0, was 0.0");
        final byte[] limits = PolicyWriter.toBytes(MODEL);
        final int lowOffset = 20 + 24 + 4 * 35 + 4 * 12;
        ByteBuffer.wrap(limits).order(ByteOrder.LITTLE_ENDIAN).putFloat(lowOffset, 99f);
        assertRejected(withChecksum(limits), "action low[0] = 99.0 exceeds high[0] = 50.0");
    }

    @Test
    void shouldReportMissingFile(@TempDir final Path dir) {
        final PolicyFormatException e = assertThrows(PolicyFormatException.class,
            () -> PolicyReader.read(dir.resolve("none.policy")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void shouldExplainDimensionMismatchWithRobot() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MODEL.requireDimensions(4, 1, "cartpole"));
        assertTrue(e.getMessage().contains("takes 17 observations and gives 6 actions, but robot 'cartpole' maps 4 "
            + "observations and 1 actions"), e.getMessage());
    }
}
