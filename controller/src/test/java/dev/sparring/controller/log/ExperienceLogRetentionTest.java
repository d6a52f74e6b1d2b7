package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Retention through a real queue rolling over five-minute cycles on a clock the test advances. */
class ExperienceLogRetentionTest {
    private static final int CYCLES = 4;
    private static final int RECORDS_PER_CYCLE = 10;

    @TempDir
    File directory;

    @Test
    void shouldDeleteOldestCycleFilesBeyondTheSizeLimitAndKeepTheLogReadable() {
        final SetTimeProvider wallClock = new SetTimeProvider("2026-11-25T10:00:00");
        final ExperienceLogConfig config = ExperienceLogConfig.defaults(directory.toPath())
            .withRollCycle(RollCycles.FIVE_MINUTELY).withRetention(1.0 / (1 << 20), 0);
        final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
        final ExperienceRecords records = new ExperienceRecords();
        final List<Throwable> errors = new ArrayList<>();
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(config, ring, errors::add,
            new CachedNanoClock(), new ChronicleRecordStore(config, wallClock, new CachedNanoClock(), errors::add));
        agent.onStart();
        long step = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < RECORDS_PER_CYCLE; i++) {
                records.offer(ring, RecordType.STEP, 0, step++);
            }
            agent.doWork();
            wallClock.advanceMillis(TimeUnit.MINUTES.toMillis(5));
        }
        agent.onClose();
        assertEquals(CYCLES * RECORDS_PER_CYCLE, agent.recordsWritten());
        assertTrue(errors.isEmpty(), errors::toString);

        final File[] left = directory.listFiles((dir, name) -> name.endsWith(".cq4"));
        assertTrue(left != null && left.length >= 1 && left.length < CYCLES, "cycle files left: " + left.length);

        final long[] firstAndCount = {-1, 0};
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory.toPath(), errors::add)) {
            int n;
            while ((n = reader.poll(record -> {
                if (firstAndCount[0] < 0) {
                    firstAndCount[0] = record.stepIndex();
                }
            }, 100)) > 0) {
                firstAndCount[1] += n;
            }
        }
        assertTrue(errors.isEmpty(), errors::toString);
        assertEquals((long) left.length * RECORDS_PER_CYCLE, firstAndCount[1]);
        assertEquals((CYCLES - left.length) * (long) RECORDS_PER_CYCLE, firstAndCount[0]);
    }

    @Test
    void shouldCountAndReportRecordsTheReceiverHadNotAcknowledgedWhenTheSizeLimitDeletesThem() throws IOException {
        final SetTimeProvider wallClock = new SetTimeProvider("2026-11-25T10:00:00");
        final ExperienceLogConfig config = ExperienceLogConfig.defaults(directory.toPath())
            .withRollCycle(RollCycles.FIVE_MINUTELY).withRetention(1.0 / (1 << 20), 0);
        final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
        final ExperienceRecords records = new ExperienceRecords();
        final List<Throwable> warnings = new ArrayList<>();
        final ChronicleRecordStore store = new ChronicleRecordStore(config, wallClock, new CachedNanoClock(),
            warnings::add);
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(config, ring, warnings::add,
            new CachedNanoClock(), store);
        final int firstCycle = (int) (wallClock.currentTimeMillis() / RollCycles.FIVE_MINUTELY.lengthInMillis());
        ShippedAckFile.write(directory.toPath(), RollCycles.FIVE_MINUTELY.toIndex(firstCycle, 0));
        agent.onStart();
        long step = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < RECORDS_PER_CYCLE; i++) {
                records.offer(ring, RecordType.STEP, 0, step++);
            }
            agent.doWork();
            wallClock.advanceMillis(TimeUnit.MINUTES.toMillis(5));
        }
        agent.onClose();

        assertEquals((CYCLES - 1) * RECORDS_PER_CYCLE - 1, agent.unshippedRecordsDeleted(),
            "all but the newest cycle deleted; of them, all but the first record were unacknowledged");
        assertFalse(warnings.isEmpty());
        assertTrue(warnings.getFirst().getMessage().contains("had not acknowledged"), warnings.toString());
    }
}
