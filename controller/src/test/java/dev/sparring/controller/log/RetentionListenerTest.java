package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

class RetentionListenerTest {
    private static final long NOW_MS = TimeUnit.DAYS.toMillis(1000);

    @TempDir
    Path directory;

    private File cycleFile(final String name, final int bytes, final long lastModifiedMs) throws IOException {
        final File file = Files.write(directory.resolve(name), new byte[bytes]).toFile();
        assertTrue(file.setLastModified(lastModifiedMs));
        return file;
    }

    @Test
    void shouldDeleteOldestFilesBeyondTheSizeLimitButNeverTheNewest() throws IOException {
        final File oldest = cycleFile("20261125-08.cq4", 400, NOW_MS);
        final File older = cycleFile("20261125-09.cq4", 400, NOW_MS);
        final File newest = cycleFile("20261125-10.cq4", 400, NOW_MS);
        final File metadata = cycleFile("metadata.cq4t", 400, NOW_MS);

        assertEquals(1, new RetentionListener(directory.toFile(), 800, 0, () -> NOW_MS).enforce());
        assertFalse(oldest.exists());
        assertTrue(older.exists() && newest.exists() && metadata.exists());

        assertEquals(1, new RetentionListener(directory.toFile(), 1, 0, () -> NOW_MS).enforce());
        assertTrue(newest.exists());
    }

    @Test
    void shouldDeleteFilesOlderThanTheAgeLimit() throws IOException {
        final File old = cycleFile("20261120-10.cq4", 10, NOW_MS - TimeUnit.DAYS.toMillis(3));
        final File recent = cycleFile("20261124-10.cq4", 10, NOW_MS - TimeUnit.DAYS.toMillis(1));
        final File newest = cycleFile("20261125-10.cq4", 10, NOW_MS);

        final RetentionListener retention = new RetentionListener(directory.toFile(), 0, 2, () -> NOW_MS);
        retention.onReleased(0, recent);
        assertFalse(old.exists());
        assertTrue(recent.exists() && newest.exists());
    }
}
