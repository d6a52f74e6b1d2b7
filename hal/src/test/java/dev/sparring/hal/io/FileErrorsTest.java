package dev.sparring.hal.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FileErrorsTest {
    private static final Path FILE = Path.of("runs", "x", "metrics.csv");

    @Test
    void shouldSayWhatAPermissionDenialMeansBesideThePath() {
        assertEquals("/etc/shadow: permission denied; check the owner and mode of the file and of its directory, "
            + "or choose another path", FileErrors.describe(new AccessDeniedException("/etc/shadow")));
    }

    @Test
    void shouldAttachThePathToAFailureThatOnlySaysWhatWentWrong() {
        assertEquals(FILE + ": No space left on device",
            FileErrors.describe(FileErrors.at(FILE, new IOException("No space left on device"))));
        assertEquals(FILE + ": Is a directory", FileErrors.describe(FileErrors.at(FILE, new IOException("Is a "
            + "directory"))));
        assertEquals(FILE + ": is not valid UTF-8 text",
            FileErrors.describe(FileErrors.at(FILE, new MalformedInputException(1))));
    }

    @Test
    void shouldKeepAFailureThatAlreadyNamesItsFile() {
        final FileSystemException named = new FileSystemException("other.csv", null, "Read-only file system");
        assertSame(named, FileErrors.at(FILE, named));
        assertEquals("other.csv: Read-only file system", FileErrors.describe(named));
    }
}
