package dev.sparring.hal.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplaceTheFileAndLeaveNoTemporaryFile() throws IOException {
        final Path file = dir.resolve("sub").resolve("policy.policy");
        AtomicFiles.write(file, new byte[] {1, 2});
        AtomicFiles.write(file, new byte[] {3, 4, 5});
        assertArrayEquals(new byte[] {3, 4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldCreateTheFileWithThePermissionsTheUmaskGivesAnyNewFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final Path plain = Files.createFile(dir.resolve("plain.txt"));
        final Path atomic = dir.resolve("atomic.policy");
        AtomicFiles.write(atomic, new byte[] {1});
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
    }

    @Test
    void shouldRefuseToReplaceADirectoryNamingIt() throws IOException {
        final Path directory = Files.createDirectory(dir.resolve("out.policy"));
        final FileSystemException e = assertThrows(FileSystemException.class,
            () -> AtomicFiles.write(directory, new byte[] {1}));
        assertEquals(directory + ": is a directory; give a file name to write", FileErrors.describe(e));
        assertTrue(Files.isDirectory(directory));
    }
}
