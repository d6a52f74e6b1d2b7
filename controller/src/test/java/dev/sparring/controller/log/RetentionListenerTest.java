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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.RollCycles;

class RetentionListenerTest {
    private static final long NOW_MS = TimeUnit.DAYS.toMillis(1000);

    @TempDir
    Path directory;

    private File cycleFile(final String name, final int bytes, final long lastModifiedMs) throws IOException {
        final File file = Files.write(directory.resolve(name), new byte[bytes]).toFile();
        assertTrue(file.setLastModified(lastModifiedMs));
        return file;
    }

    private final List<Throwable> warnings = new ArrayList<>();

    private RetentionListener retention(final long maxBytes, final int maxDays) {
        return new RetentionListener(directory.toFile(), maxBytes, maxDays, () -> NOW_MS, RollCycles.FAST_HOURLY,
            warnings::add);
    }

    /** The index of a record in the hourly cycle that starts at the given time. */
    private static long hourlyIndex(final String startUtc, final long sequence) {
        final int cycle = (int) (Instant.parse(startUtc).toEpochMilli() / TimeUnit.HOURS.toMillis(1));
        return RollCycles.FAST_HOURLY.toIndex(cycle, sequence);
    }

    @Test
    void shouldDeleteOldestFilesBeyondTheSizeLimitButNeverTheNewest() throws IOException {
        final File oldest = cycleFile("20261125-08F.cq4", 400, NOW_MS);
        final File older = cycleFile("20261125-09F.cq4", 400, NOW_MS);
        final File newest = cycleFile("20261125-10F.cq4", 400, NOW_MS);
        final File metadata = cycleFile("metadata.cq4t", 400, NOW_MS);

        assertEquals(1, retention(800, 0).enforce());
        assertFalse(oldest.exists());
        assertTrue(older.exists() && newest.exists() && metadata.exists());

        assertEquals(1, retention(1, 0).enforce());
        assertTrue(newest.exists());
    }

    @Test
    void shouldDeleteFilesOlderThanTheAgeLimit() throws IOException {
        final File old = cycleFile("20261120-10F.cq4", 10, NOW_MS - TimeUnit.DAYS.toMillis(3));
        final File recent = cycleFile("20261124-10F.cq4", 10, NOW_MS - TimeUnit.DAYS.toMillis(1));
        final File newest = cycleFile("20261125-10F.cq4", 10, NOW_MS);

        final RetentionListener retention = retention(0, 2);
        retention.onReleased(0, recent);
        assertFalse(old.exists());
        assertTrue(recent.exists() && newest.exists());
    }

    @Test
    void shouldKeepOldCycleFilesHoldingRecordsTheReceiverHasNotAcknowledgedAndDeleteShippedOnes() throws IOException {
        final long old = NOW_MS - TimeUnit.DAYS.toMillis(3);
        final File shipped = cycleFile("20261125-08F.cq4", 10, old);
        final File partlyShipped = cycleFile("20261125-09F.cq4", 10, old);
        final File unshipped = cycleFile("20261125-10F.cq4", 10, old);
        final File newest = cycleFile("20261125-11F.cq4", 10, NOW_MS);
        ShippedAckFile.write(directory, hourlyIndex("2026-11-25T09:00:00Z", 3));

        assertEquals(1, retention(0, 2).enforce());
        assertFalse(shipped.exists(), "every record of the oldest file was acknowledged: deleted for its age");
        assertTrue(partlyShipped.exists() && unshipped.exists() && newest.exists(),
            "files holding records after the acknowledged index are not deleted for their age");
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void shouldDeleteUnshippedCycleFilesOverTheSizeLimitAndReportThem() throws IOException {
        final File shipped = cycleFile("20261125-08F.cq4", 400, NOW_MS);
        final File unshipped = cycleFile("20261125-09F.cq4", 400, NOW_MS);
        final File newest = cycleFile("20261125-10F.cq4", 400, NOW_MS);
        ShippedAckFile.write(directory, hourlyIndex("2026-11-25T08:00:00Z", 0));

        final RetentionListener retention = retention(400, 0);
        assertEquals(2, retention.enforce());
        assertFalse(shipped.exists() || unshipped.exists());
        assertTrue(newest.exists());
        assertEquals(2, retention.unshippedCyclesDeleted());
        assertEquals(1, warnings.size(), warnings::toString);
        final String warning = warnings.getFirst().getMessage();
        assertTrue(warning.contains("exceeded its size limit") && warning.contains("deleted 2 cycle file(s)")
            && warning.contains("had not acknowledged"), warning);
    }

    @Test
    void shouldKeepTodaysBehaviourWithoutAShipper() throws IOException {
        final File old = cycleFile("20261125-08F.cq4", 10, NOW_MS - TimeUnit.DAYS.toMillis(3));
        final File newest = cycleFile("20261125-09F.cq4", 10, NOW_MS);

        final RetentionListener retention = retention(0, 2);
        assertEquals(1, retention.enforce());
        assertFalse(old.exists());
        assertTrue(newest.exists());
        assertEquals(0, retention.unshippedCyclesDeleted());
    }
}
