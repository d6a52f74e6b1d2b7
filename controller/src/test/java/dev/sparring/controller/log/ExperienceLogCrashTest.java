package dev.sparring.controller.log;

import dev.sparring.controller.ChildJvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

@Tag("slow")
class ExperienceLogCrashTest {
    private static final int COMMITS_BEFORE_KILL = 500;

    @TempDir
    Path directory;

    private long nextStep;
    private String firstBadRecord;

    /**
     * The child prints a step after the record is in the queue; steps printed after the last line read here were
     * committed too, so the log must hold at least every step read and possibly a few more, all intact.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepEveryCommittedRecordIntactAfterSigkillAndAcceptANewWriter() throws Exception {
        final Process child = startChild();
        long lastCommitted = -1;
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && lastCommitted < COMMITS_BEFORE_KILL) {
                lastCommitted = committed(line, lastCommitted);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(lastCommitted >= COMMITS_BEFORE_KILL, "child committed only up to step " + lastCommitted);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        final long recordsAfterCrash = readAll();
        assertNull(firstBadRecord);
        assertTrue(recordsAfterCrash >= lastCommitted + 1,
            "read " + recordsAfterCrash + " records, child had committed " + (lastCommitted + 1));

        final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
        final ExperienceRecords records = new ExperienceRecords();
        final ExperienceLoggerAgent writer = new ExperienceLoggerAgent(ExperienceLogConfig.defaults(directory), ring,
            Throwable::printStackTrace, new CachedNanoClock());
        writer.onStart();
        for (long step = recordsAfterCrash; step < recordsAfterCrash + 10; step++) {
            records.offer(ring, RecordType.STEP, 0, step);
        }
        writer.doWork();
        writer.onClose();
        assertEquals(10, writer.recordsWritten());

        nextStep = 0;
        assertEquals(recordsAfterCrash + 10, readAll());
        assertNull(firstBadRecord);
    }

    private static long committed(final String line, final long lastCommitted) {
        return line.startsWith("committed ") ? Long.parseLong(line.substring("committed ".length())) : lastCommitted;
    }

    private long readAll() {
        long total = 0;
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, Throwable::printStackTrace)) {
            int n;
            while ((n = reader.poll(this::check, 256)) > 0) {
                total += n;
            }
            assertEquals(0, reader.recordsSkipped());
        }
        return total;
    }

    private void check(final ExperienceRecordFlyweight record) {
        final String mismatch = ExperienceRecords.mismatch(record);
        if (firstBadRecord == null && (mismatch != null || record.stepIndex() != nextStep)) {
            firstBadRecord = "expected step " + nextStep + ": " + (mismatch == null ? "step " + record.stepIndex()
                : mismatch);
        }
        nextStep++;
    }

    private Process startChild() throws IOException {
        return new ProcessBuilder(ChildJvm.command(CrashLoggingMain.class, directory.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
