package dev.sparring.hal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadAFileUpToItsLimit() throws IOException {
        final Path file = Files.write(dir.resolve("f.bin"), new byte[] {1, 2, 3, 4});
        assertArrayEquals(new byte[] {1, 2, 3, 4}, BoundedFiles.readBytes(file, 4, "test file"));
    }

    @Test
    void shouldRefuseAFileOverItsLimitNamingItAndTheLimit() throws IOException {
        final Path file = Files.write(dir.resolve("f.bin"), new byte[2049]);
        final FileSystemException e = assertThrows(FileSystemException.class,
            () -> BoundedFiles.readBytes(file, 2048, "test file"));
        assertEquals(file.toString(), e.getFile());
        assertEquals("holds more than 2 KiB, the most a test file may take; is it a test file?", e.getReason());
    }

    @Test
    void shouldStopReadingAtTheLimitPlusOneByteWhateverTheCallerAsksFor() throws IOException {
        final Path file = Files.write(dir.resolve("f.bin"), new byte[1 << 20]);
        try (InputStream in = BoundedFiles.open(file, 1000, "test file")) {
            final byte[] buffer = new byte[1 << 20];
            assertEquals(1000, in.readNBytes(buffer, 0, 1000));
            assertThrows(FileSystemException.class, () -> in.read(buffer, 0, buffer.length));
        }
    }

    @Test
    void shouldNameTheFileAndTheOffsetOfTheFirstByteThatIsNotUtf8() throws IOException {
        final Path file = Files.write(dir.resolve("config.txt"), "envs = caf\u00e9\n".getBytes(
            StandardCharsets.ISO_8859_1));
        final FileSystemException e = assertThrows(FileSystemException.class,
            () -> BoundedFiles.readUtf8(file, 100, "run configuration"));
        assertEquals(file + ": is not valid UTF-8 text: byte 10 starts an invalid sequence; is it a run "
            + "configuration?", FileErrors.describe(e));
    }

    @Test
    void shouldRefuseADirectoryAndAMissingFileNamingThem() {
        assertEquals(dir + ": is a directory; give a test file", FileErrors.describe(assertThrows(
            IOException.class, () -> BoundedFiles.readBytes(dir, 10, "test file"))));
        assertEquals(dir.resolve("none") + ": does not exist", FileErrors.describe(assertThrows(
            IOException.class, () -> BoundedFiles.readBytes(dir.resolve("none"), 10, "test file"))));
    }

    @Test
    void shouldDecodeValidUtf8() throws IOException {
        final Path file = Files.writeString(dir.resolve("t.txt"), "γ = 0.99\n");
        assertTrue(BoundedFiles.readUtf8(file, 100, "text").startsWith("γ = 0.99"));
    }
}
