package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.locks.LockSupport;

/** {@link ExperienceLog#finish()} accounts for every record offered, even when the logger could not keep up. */
class ExperienceLogFinishTest {
    private static final int RECORDS = 1_000;

    @TempDir
    Path directory;

    @Test
    void shouldCountRecordsTheLoggerHadNotDrainedWhenStoppedAsDropped() throws IOException {
        final ExperienceLogConfig config = new ExperienceLogConfig(directory, ExperienceLogConfig.DEFAULT_ROLL_CYCLE,
            0, 0, SyncPolicy.NONE, ExperienceLogConfig.DEFAULT_SYNC_PERIOD_MS, 1, false);
        final RecordStore slowDisk = new StallingRecordStore(
            new ChronicleRecordStore(config, SystemTimeProvider.INSTANCE, SystemNanoClock.INSTANCE,
                error -> { }));
        final ExperienceLog log = new ExperienceLog(1L, 2L, 1, 3, 1, 0,
            (ring, errorHandler) -> new ExperienceLoggerAgent(config, ring, errorHandler, SystemNanoClock.INSTANCE,
                slowDisk), 0L, true);
        final ExperienceRecorder recorder = log.recorder();
        for (int i = 0; i < RECORDS; i++) {
            recorder.step(i, 7L, i, new double[3], new double[1], null, 1.0, Double.NaN, 0);
        }

        log.finish();

        assertEquals(RECORDS, log.recordsWritten() + log.recordsDropped(),
            "every record offered is written or counted as dropped, never neither");
        assertTrue(log.recordsDropped() > 0, "the logger (one record a millisecond) was stopped before it drained");
        assertEquals(log.recordsWritten(), readable(directory), "what is reported written is readable");
    }

    @Test
    void shouldHaveEveryRecordOfferedReadableWhenAwaitDrainedReturns() throws IOException {
        try (ExperienceLog log = new ExperienceLog(ExperienceLogConfig.defaults(directory), 1L, 2L, 1, 3, 1, 0)) {
            for (int i = 0; i < RECORDS; i++) {
                log.recorder().step(i, 7L, i, new double[3], new double[1], null, 1.0, Double.NaN, 0);
            }

            assertTrue(log.awaitDrained(5_000_000_000L));

            assertEquals(RECORDS, readable(directory), "readable while the log is still open");
        }
    }

    @Test
    void shouldDrainOnTheCallersThreadAcrossTheRingsWrapAround() throws IOException {
        final int batches = 40;
        final int perBatch = 500;
        // a drain limit of 1: one record per pass, so one pass meets the padding at the ring's end alone
        final ExperienceLogConfig config = new ExperienceLogConfig(directory, ExperienceLogConfig.DEFAULT_ROLL_CYCLE,
            0, 0, SyncPolicy.NONE, ExperienceLogConfig.DEFAULT_SYNC_PERIOD_MS, 1, false);
        try (ExperienceLog log = new ExperienceLog(config, 1L, 2L, 1, 4, 1, 0, false)) {
            for (int batch = 0; batch < batches; batch++) {
                for (int i = 0; i < perBatch; i++) {
                    final long step = (long) batch * perBatch + i;
                    log.recorder().step(step, 7L, step, new double[4], new double[1], null, 1.0, Double.NaN, 0);
                }
                assertTrue(log.awaitDrained(5_000_000_000L), "batch " + batch + " (the 1 MiB ring wraps every ~10)");
            }
            assertEquals((long) batches * perBatch, log.recordsWritten());
            assertEquals(0, log.recordsDropped());
        }
        assertEquals((long) batches * perBatch, readable(directory));
    }

    @Test
    void shouldSayWhenTheLoggerHasNotCaughtUpInTime() {
        final ExperienceLogConfig config = ExperienceLogConfig.defaults(directory);
        final RecordStore slowDisk = new StallingRecordStore(
            new ChronicleRecordStore(config, SystemTimeProvider.INSTANCE, SystemNanoClock.INSTANCE,
                error -> { }));
        try (ExperienceLog log = new ExperienceLog(1L, 2L, 1, 3, 1, 0,
            (ring, errorHandler) -> new ExperienceLoggerAgent(config, ring, errorHandler, SystemNanoClock.INSTANCE,
                slowDisk), 0L, true)) {
            for (int i = 0; i < RECORDS; i++) {
                log.recorder().step(i, 7L, i, new double[3], new double[1], null, 1.0, Double.NaN, 0);
            }

            assertFalse(log.awaitDrained(10_000_000L), "1 000 records at one a millisecond take a second");
        }
    }

    /** Records readable in the queue; none when the logger was stopped before it created a cycle file. */
    private static long readable(final Path queue) throws IOException {
        try (Stream<Path> files = Files.list(queue)) {
            if (files.noneMatch(file -> file.toString().endsWith(".cq4"))) {
                return 0;
            }
        }
        long readable = 0;
        try (ExperienceLogReader reader = ExperienceLogReader.open(queue, error -> { })) {
            int n;
            while ((n = reader.poll(record -> { }, 1_000)) > 0) {
                readable += n;
            }
        }
        return readable;
    }

    /** A disk that takes a millisecond per append. */
    private record StallingRecordStore(RecordStore delegate) implements RecordStore {
        @Override
        public void open() {
            delegate.open();
        }

        @Override
        public void append(final DirectBuffer buffer, final int offset, final int length) {
            LockSupport.parkNanos(1_000_000L);
            delegate.append(buffer, offset, length);
        }

        @Override
        public long unshippedRecordsDeleted() {
            return delegate.unshippedRecordsDeleted();
        }

        @Override
        public void sync() {
            delegate.sync();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
