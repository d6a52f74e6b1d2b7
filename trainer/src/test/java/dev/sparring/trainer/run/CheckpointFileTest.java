package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    @TempDir
    Path dir;

    private static Checkpoint sample() {
        return new Checkpoint()
            .putDoubles("policy/parameters", new double[] {1.5, -0.0, Double.MIN_VALUE, Double.NaN, 1e300})
            .putLongs("rng", new long[] {Long.MIN_VALUE, 42L})
            .putLong("iteration", 7)
            .putString("config", "task=inverted_pendulum\nalgo=ppo µ");
    }

    @Test
    void shouldRoundTripEveryEntryBitForBit() throws IOException {
        final Path file = dir.resolve("run.ckpt");
        CheckpointFile.write(file, sample());
        final Checkpoint read = CheckpointFile.read(file);
        assertEquals(sample(), read);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.doubles("policy/parameters")[1]));
        assertEquals(7, read.longValue("iteration"));
        assertEquals("task=inverted_pendulum\nalgo=ppo µ", read.string("config"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is moved into place");
        }
    }

    @Test
    void shouldRejectAFlippedByteAsCorrupt() throws IOException {
        final Path file = dir.resolve("run.ckpt");
        CheckpointFile.write(file, sample());
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        final CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("corrupt or truncated") && e.getMessage().contains(file.toString()),
            e.getMessage());
    }

    @Test
    void shouldRejectATruncatedFile() throws IOException {
        final Path file = dir.resolve("run.ckpt");
        CheckpointFile.write(file, sample());
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));
        assertThrows(CheckpointException.class, () -> CheckpointFile.read(file));
    }

    @Test
    void shouldRejectAFileThatIsNotACheckpoint() throws IOException {
        final Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a checkpoint at all");
        final CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("not a Sparring checkpoint"), e.getMessage());
        assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir.resolve("missing.ckpt")));
    }

    @Test
    void shouldNameAMissingEntryAndAMismatchedLength() {
        final Checkpoint checkpoint = sample();
        final CheckpointException missing = assertThrows(CheckpointException.class,
            () -> checkpoint.doubles("value/parameters"));
        assertTrue(missing.getMessage().contains("value/parameters"), missing.getMessage());
        final CheckpointException length = assertThrows(CheckpointException.class,
            () -> checkpoint.doublesInto("policy/parameters", new double[4]));
        assertTrue(length.getMessage().contains("another configuration"), length.getMessage());
        final double[] into = new double[3];
        final Checkpoint finite = new Checkpoint().putDoubles("value", new double[] {1.5, -0.0, Double.MIN_VALUE});
        finite.doublesInto("value", into);
        assertArrayEquals(finite.doubles("value"), into);
        assertThrows(CheckpointException.class, () -> checkpoint.longs("config"));
    }

    @Test
    void shouldRefuseToRestoreANonFiniteValueNamingTheEntryAndIndex() {
        final CheckpointException e = assertThrows(CheckpointException.class,
            () -> sample().doublesInto("policy/parameters", new double[5]));
        assertTrue(e.getMessage().contains("entry 'policy/parameters' value 3 is NaN; the run had diverged"),
            e.getMessage());
    }

    @Test
    void shouldRefuseADuplicateEntryName() {
        assertThrows(IllegalArgumentException.class, () -> sample().putLong("iteration", 8));
    }
}
