package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real queue files damaged as disks, copies and people damage them: the reader reads everything readable, passes
 * over the damage and says where it is and how much was lost; an appender refuses to bury records behind it.
 */
class ExperienceLogDamageTest {
    private static final int STEPS = 2000;

    @TempDir
    Path directory;

    private final List<Throwable> errors = new ArrayList<>();
    private final List<Long> steps = new ArrayList<>();
    private String firstMismatch;

    private long readAll(final ExperienceLogReader reader) {
        long total = 0;
        int n;
        while ((n = reader.poll(this::collect, 256)) > 0) {
            total += n;
        }
        return total;
    }

    private void collect(final ExperienceRecordFlyweight record) {
        final String mismatch = ExperienceRecords.mismatch(record);
        if (firstMismatch == null && mismatch != null) {
            firstMismatch = mismatch;
        }
        steps.add(record.stepIndex());
    }

    @Test
    void shouldReadPastZerosOverTheMiddleAndCountTheRecordsTheyCovered() {
        assertEquals(STEPS, DamagedQueues.writeSteps(directory, STEPS));
        final Path file = DamagedQueues.cycleFile(directory);
        final List<Long> excerpts = DamagedQueues.excerptPositions(file);
        final long holeStart = excerpts.get(500);
        DamagedQueues.zero(file, holeStart, (int) (excerpts.get(600) - holeStart));

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(STEPS - 100, readAll(reader));
            assertTrue(reader.isDamaged());
            assertEquals(100, reader.recordsSkipped());
            assertEquals(excerpts.get(600) - holeStart, reader.bytesSkipped());
            final LogDamage hole = reader.damage().getFirst();
            assertEquals(file, hole.file());
            assertEquals(holeStart, hole.position());
            assertTrue(hole.what().startsWith("zeros where the writer wrote excerpts"), hole.what());
        }
        assertNull(firstMismatch);
        assertEquals(499L, steps.get(499));
        assertEquals(600L, steps.get(500), "reading resumes at the first record after the zeros");
        assertEquals(2, errors.size(), errors::toString);
        assertTrue(errors.get(1).getMessage().contains("the file's header counts 2000 excerpts, 1900 were found; "
            + "100 records lost"), errors.get(1).getMessage());
    }

    @Test
    void shouldReportATruncatedFileWithTheRecordsItLost() {
        DamagedQueues.writeSteps(directory, STEPS);
        final Path file = DamagedQueues.cycleFile(directory);
        final long cut = DamagedQueues.excerptPositions(file).get(1234) + 10;
        DamagedQueues.truncate(file, cut);

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(1234, readAll(reader));
            assertEquals(STEPS - 1234, reader.recordsSkipped());
            assertTrue(reader.damage().getFirst().what().startsWith("truncated: the file ends at byte " + cut),
                reader.damage().toString());
        }
        assertNull(firstMismatch);
    }

    @Test
    void shouldSkipExactlyTheRecordWhoseChecksumAFlippedBitBroke() {
        DamagedQueues.writeSteps(directory, STEPS);
        final Path file = DamagedQueues.cycleFile(directory);
        final long record = DamagedQueues.excerptPositions(file).get(777);
        DamagedQueues.flipBit(file, record + 4 + ExperienceRecordFlyweight.HEADER_LENGTH + 5, 3);

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(STEPS - 1, readAll(reader));
            assertEquals(1, reader.recordsSkipped());
            final LogDamage damage = reader.damage().getFirst();
            assertEquals(record, damage.position());
            assertTrue(damage.what().contains("fails its CRC-32C checksum"), damage.what());
        }
        assertNull(firstMismatch);
        assertFalse(steps.contains(777L));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAnswerAtOnceForEmptyAndForeignCycleFiles() throws Exception {
        Files.createFile(directory.resolve("20261203-17F.cq4"));
        Files.writeString(directory.resolve("20261203-18F.cq4"), "# notes\nnot a queue\n", StandardCharsets.UTF_8);
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(0, readAll(reader));
            assertEquals(2, reader.damageCount());
            assertTrue(reader.damage().get(0).what().startsWith("is empty (0 bytes)"), reader.damage().toString());
            assertTrue(reader.damage().get(1).what().contains("not a Chronicle cycle file"), reader.damage().toString());
        }
        final ExperienceLogException refused = assertThrows(ExperienceLogException.class,
            () -> new ChronicleRecordStore(ExperienceLogConfig.defaults(directory).withContinueAfterDamage(true),
                error -> { }));
        assertTrue(refused.getMessage().contains("not Chronicle cycle files"), refused.getMessage());
    }

    @Test
    void shouldRefuseToAppendToADamagedQueueAndSayWhatToDo() {
        DamagedQueues.writeSteps(directory, STEPS);
        final Path file = DamagedQueues.cycleFile(directory);
        DamagedQueues.truncate(file, DamagedQueues.excerptPositions(file).get(1000) + 10);

        final ExperienceLogException refused = assertThrows(ExperienceLogException.class,
            () -> new ChronicleRecordStore(ExperienceLogConfig.defaults(directory), error -> { }));
        assertTrue(refused.getMessage().contains("is damaged"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file + " at byte"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Move the directory aside"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--log-continue-after-damage"), refused.getMessage());
    }

    @Test
    void shouldContinueADamagedQueueInANewCycleFileWhoseRecordsAreAllReadable() throws Exception {
        final SetTimeProvider wallClock = new SetTimeProvider("2026-11-25T10:00:00");
        final ExperienceLogConfig config = ExperienceLogConfig.defaults(directory);
        final RingBuffer ring = ExperienceRecords.newRing(1 << 20);
        final ExperienceRecords records = new ExperienceRecords();
        final long written = append(config, wallClock, ring, records, 0, STEPS);
        final Path damaged = DamagedQueues.cycleFile(directory);
        DamagedQueues.truncate(damaged, DamagedQueues.excerptPositions(damaged).get(1500) + 10);

        final long appended = append(config.withContinueAfterDamage(true), wallClock, ring, records, STEPS, 300);
        assertEquals(300, appended);
        try (var files = Files.list(directory)) {
            assertEquals(2, files.filter(p -> p.toString().endsWith(".cq4")).count(), "a new cycle file, same hour");
        }
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(1500 + appended, readAll(reader));
            assertEquals(written - 1500, reader.recordsSkipped());
        }
        assertEquals((long) STEPS, steps.get(1500), "the appended records follow the readable ones");
        assertEquals(STEPS + 299L, steps.getLast());

        final long later = append(config, wallClock, ring, records, STEPS + 300, 10);
        assertEquals(10, later, "the new cycle file is intact: appending goes on there without the flag");
        steps.clear();
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(1500 + appended + later, readAll(reader));
        }
    }

    private long append(final ExperienceLogConfig config, final SetTimeProvider wallClock, final RingBuffer ring,
        final ExperienceRecords records, final long firstStep, final int count) {
        final CachedNanoClock clock = new CachedNanoClock();
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(config, ring, errors::add, clock,
            new ChronicleRecordStore(config, wallClock, clock, error -> { }));
        agent.onStart();
        for (long step = firstStep; step < firstStep + count; step++) {
            records.offer(ring, RecordType.STEP, 0, step);
        }
        while (agent.doWork() > 0) {
            continue;
        }
        agent.onClose();
        return agent.recordsWritten();
    }
}
