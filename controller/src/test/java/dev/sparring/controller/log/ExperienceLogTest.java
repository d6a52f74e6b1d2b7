package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

class ExperienceLogTest {
    private static final int STEPS_PER_EPISODE = 100;
    /**
     * Records written before a measurement so C2 has compiled Chronicle's write and read paths (escape analysis
     * removes their temporaries); the measured 200 000 records, about 34 MB, stay inside the queue's first 64 MiB
     * chunk, whose mapping is a per-chunk (not per-record) allocation.
     */
    private static final int WARM_UP_RECORDS = 100_000;

    @TempDir
    Path directory;

    private final ExperienceRecords records = new ExperienceRecords();
    private final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
    private final List<Throwable> errors = new ArrayList<>();
    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> seen = new ArrayList<>();
    private FaultyRecordStore store;
    private ExperienceLoggerAgent agent;

    @AfterEach
    void closeAgent() {
        if (agent != null) {
            agent.onClose();
        }
    }

    private ExperienceLoggerAgent startAgent(final ExperienceLogConfig config) {
        store = new FaultyRecordStore(new ChronicleRecordStore(config, errors::add));
        agent = new ExperienceLoggerAgent(config, ring, errors::add, clock, store);
        agent.onStart();
        return agent;
    }

    private void offerEpisode(final long episode) {
        assertTrue(records.offer(ring, RecordType.EPISODE_START, episode, 0));
        for (int step = 0; step < STEPS_PER_EPISODE; step++) {
            assertTrue(records.offer(ring, RecordType.STEP, episode, step));
        }
        assertTrue(records.offer(ring, RecordType.EPISODE_END, episode, STEPS_PER_EPISODE));
    }

    private void drain() {
        int workCount;
        do {
            workCount = agent.doWork();
        } while (workCount > 0);
    }

    private int readAll(final ExperienceLogReader reader) {
        int total = 0;
        int n;
        while ((n = reader.poll(this::collect, 64)) > 0) {
            total += n;
        }
        return total;
    }

    private void collect(final ExperienceRecordFlyweight record) {
        if (record.type() != RecordType.GAP) {
            assertNull(ExperienceRecords.mismatch(record));
        }
        seen.add(record.type() + " " + record.episodeId() + " " + record.stepIndex());
    }

    @Test
    void shouldReadBackEveryRecordTheLoggerDrainedFromTheRing() {
        startAgent(ExperienceLogConfig.defaults(directory));
        for (int episode = 0; episode < 3; episode++) {
            offerEpisode(episode);
            drain();
        }
        assertEquals(3 * (STEPS_PER_EPISODE + 2), agent.recordsWritten());

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(3 * (STEPS_PER_EPISODE + 2), readAll(reader));
        }
        assertEquals("EPISODE_START 0 0", seen.get(0));
        assertEquals("STEP 0 0", seen.get(1));
        assertEquals("EPISODE_END 2 " + STEPS_PER_EPISODE, seen.get(seen.size() - 1));
        assertTrue(errors.isEmpty(), () -> errors.toString());
    }

    @Test
    void shouldDropCountReportOnceAndWriteGapWhenWritesFailThenResume() {
        startAgent(ExperienceLogConfig.defaults(directory));
        for (int step = 0; step < 10; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
        }
        drain();
        store.failing = true;
        for (int step = 10; step < 15; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
        }
        drain();
        assertEquals(5, agent.recordsDropped());
        assertEquals(1, errors.size());
        assertInstanceOf(UncheckedIOException.class, errors.get(0).getCause());
        assertTrue(errors.get(0).getMessage().contains(directory.toString()), errors.get(0).getMessage());

        store.failing = false;
        for (int step = 15; step < 18; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
        }
        drain();
        assertEquals(13, agent.recordsWritten());
        assertEquals(1, agent.gapsWritten());

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(14, readAll(reader));
        }
        assertEquals("STEP 1 9", seen.get(9));
        assertEquals("GAP 1 5", seen.get(10));
        assertEquals("STEP 1 15", seen.get(11));
        assertEquals(1, errors.size());
    }

    @Test
    void shouldReportAgainOnlyAfterWritesRecoveredAndFailedAnew() {
        startAgent(ExperienceLogConfig.defaults(directory));
        store.failing = true;
        records.offer(ring, RecordType.STEP, 1, 0);
        records.offer(ring, RecordType.STEP, 1, 1);
        drain();
        store.failing = false;
        records.offer(ring, RecordType.STEP, 1, 2);
        drain();
        store.failing = true;
        records.offer(ring, RecordType.STEP, 1, 3);
        drain();
        assertEquals(2, errors.size());
        assertEquals(3, agent.recordsDropped());
    }

    @Test
    void shouldFailFastWithoutTouchingChronicleForASecondAfterAFailedAppendThenTryAgain() {
        final CachedNanoClock storeClock = new CachedNanoClock();
        final ChronicleRecordStore chronicle = new ChronicleRecordStore(ExperienceLogConfig.defaults(directory),
            SystemTimeProvider.INSTANCE, storeClock, error -> { });
        chronicle.open();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        records.fill(buffer, 0, RecordType.STEP, 0, 0, 1, 1, 0);
        final int length = ExperienceRecordFlyweight.length(1, 1, 0);
        chronicle.append(buffer, 0, length);
        chronicle.close();

        final ExperienceLogException first = assertThrows(ExperienceLogException.class,
            () -> chronicle.append(buffer, 0, length));
        assertTrue(first.getMessage().startsWith("appending to " + directory + " failed ("), first.getMessage());
        assertTrue(first.getMessage().contains("bytes free on its file system"), first.getMessage());
        final ExperienceLogException fast = assertThrows(ExperienceLogException.class,
            () -> chronicle.append(buffer, 0, length));
        storeClock.advance(TimeUnit.MILLISECONDS.toNanos(ChronicleRecordStore.RETRY_INTERVAL_MS) - 1);
        assertSame(fast, assertThrows(ExperienceLogException.class, () -> chronicle.append(buffer, 0, length)),
            "the same preallocated exception until the retry time");
        assertEquals(0, fast.getStackTrace().length);
        storeClock.advance(1);
        final ExperienceLogException retried = assertThrows(ExperienceLogException.class,
            () -> chronicle.append(buffer, 0, length));
        assertNotSame(fast, retried, "a real attempt once the second is over");
        assertNotSame(first, retried);
    }

    @Test
    void shouldSelectRecordsFromATimestampWithinAWindowAndOfOneEpisode() {
        startAgent(ExperienceLogConfig.defaults(directory));
        for (int episode = 0; episode < 3; episode++) {
            offerEpisode(episode);
            drain();
        }
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            reader.fromTimestamp(ExperienceRecords.timestampNs(2, 50));
            assertEquals(50 + 1, readAll(reader));
            assertEquals("STEP 2 50", seen.get(0));

            seen.clear();
            reader.window(ExperienceRecords.timestampNs(1, 10), ExperienceRecords.timestampNs(1, 20));
            assertEquals(10, readAll(reader));
            assertEquals("STEP 1 10", seen.get(0));
            assertEquals("STEP 1 19", seen.get(9));
            assertTrue(reader.isSelectionEnded());

            seen.clear();
            reader.episode(1);
            assertEquals(STEPS_PER_EPISODE + 2, readAll(reader));
            assertEquals("EPISODE_START 1 0", seen.get(0));
            assertEquals("EPISODE_END 1 " + STEPS_PER_EPISODE, seen.get(seen.size() - 1));
            assertTrue(reader.isSelectionEnded());
        }
    }

    @Test
    void shouldFollowTheLiveLogAndReturnZeroWhenNothingIsNew() {
        startAgent(ExperienceLogConfig.defaults(directory));
        offerEpisode(0);
        drain();
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(STEPS_PER_EPISODE + 2, readAll(reader));
            assertEquals(0, reader.poll(this::collect, 10));
            records.offer(ring, RecordType.EPISODE_START, 1, 0);
            records.offer(ring, RecordType.STEP, 1, 0);
            drain();
            assertEquals(2, reader.poll(this::collect, 10));
            assertEquals("STEP 1 0", seen.get(seen.size() - 1));
            assertEquals(0, reader.poll(this::collect, 10));
        }
    }

    @Test
    void shouldSyncAfterEachEpisodeEndUnderPerEpisodePolicy() {
        startAgent(ExperienceLogConfig.defaults(directory).withSync(SyncPolicy.PER_EPISODE, 0));
        records.offer(ring, RecordType.EPISODE_START, 0, 0);
        records.offer(ring, RecordType.STEP, 0, 0);
        drain();
        assertEquals(0, store.syncs);
        records.offer(ring, RecordType.EPISODE_END, 0, 1);
        drain();
        assertEquals(1, store.syncs);
    }

    @Test
    void shouldSyncWrittenRecordsWhenThePeriodElapsesUnderPeriodicPolicy() {
        clock.update(0);
        startAgent(ExperienceLogConfig.defaults(directory).withSync(SyncPolicy.PERIODIC, 100));
        records.offer(ring, RecordType.STEP, 0, 0);
        clock.update(99_999_999);
        agent.doWork();
        assertEquals(0, store.syncs);
        clock.update(100_000_000);
        agent.doWork();
        assertEquals(1, store.syncs);
        clock.update(200_000_000);
        agent.doWork();
        assertEquals(1, store.syncs, "nothing new written: no sync");
        records.offer(ring, RecordType.STEP, 0, 1);
        agent.doWork();
        agent.onClose();
        agent = null;
        assertEquals(2, store.syncs, "closing syncs what was written since the last sync");
    }

    @Test
    void shouldSkipAndReportRecordsOfAnUnknownFormatVersion() {
        startAgent(ExperienceLogConfig.defaults(directory));
        records.offer(ring, RecordType.STEP, 0, 0);
        final int length = ExperienceRecordFlyweight.length(ExperienceRecords.OBSERVATIONS,
            ExperienceRecords.ACTIONS, ExperienceRecords.ADVERSARY);
        final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, length);
        records.fill(ring.buffer(), index, RecordType.STEP, 0, 1, ExperienceRecords.OBSERVATIONS,
            ExperienceRecords.ACTIONS, ExperienceRecords.ADVERSARY);
        ring.buffer().putShort(index, (short) 99, java.nio.ByteOrder.LITTLE_ENDIAN);
        ring.commit(index);
        records.offer(ring, RecordType.STEP, 0, 2);
        drain();

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            assertEquals(2, readAll(reader));
            assertEquals(1, reader.recordsSkipped());
        }
        assertEquals(List.of("STEP 0 0", "STEP 0 2"), seen);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("format version 99"), errors.get(0).getMessage());
    }

    @Test
    void shouldReturnTheRecordsBeforeTheDamageOfATruncatedLastFile() throws Exception {
        startAgent(ExperienceLogConfig.defaults(directory));
        for (int step = 0; step < 1000; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
            agent.doWork();
        }
        agent.onClose();
        agent = null;
        final Path cycleFile;
        try (var files = Files.list(directory)) {
            cycleFile = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (var channel = java.nio.channels.FileChannel.open(cycleFile, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(100_000);
        }

        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            final int read = readAll(reader);
            assertTrue(read > 100 && read < 1000, "read " + read);
            assertTrue(reader.isDamaged());
            assertEquals(1000 - read, reader.recordsSkipped());
            assertEquals("STEP 1 " + (read - 1), seen.get(read - 1));
        }
        assertEquals(2, errors.size(), () -> errors.toString());
        assertTrue(errors.get(0).getMessage().contains("truncated"), errors.get(0).getMessage());
    }

    @Test
    void shouldReadFormatVersion1RecordsWhichCarryNoChecksum() {
        startAgent(ExperienceLogConfig.defaults(directory));
        final int n = ExperienceRecords.OBSERVATIONS;
        final int a = ExperienceRecords.ACTIONS;
        final int d = ExperienceRecords.ADVERSARY;
        final int version1Length = ExperienceRecordFlyweight.length(n, a, d) - ExperienceRecordFlyweight.CHECKSUM_LENGTH;
        for (int step = 0; step < 3; step++) {
            final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, version1Length);
            records.fill(ring.buffer(), index, RecordType.STEP, 0, step, n, a, d);
            ring.buffer().putShort(index, (short) ExperienceRecordFlyweight.FORMAT_VERSION_WITHOUT_CHECKSUM,
                java.nio.ByteOrder.LITTLE_ENDIAN);
            ring.commit(index);
        }
        records.offer(ring, RecordType.STEP, 0, 3);
        drain();

        final List<Integer> versions = new ArrayList<>();
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            int read;
            while ((read = reader.poll(record -> {
                versions.add(record.formatVersion());
                seen.add("STEP 0 " + record.stepIndex() + " " + record.observation(n - 1) + " " + record.length());
            }, 10)) > 0) {
                assertTrue(read > 0);
            }
            assertFalse(reader.isDamaged());
        }
        assertEquals(List.of(1, 1, 1, 2), versions);
        assertEquals("STEP 0 2 " + (0 + 2 * 0.001f + n - 1) + " " + version1Length, seen.get(2));
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void shouldRejectADirectoryThatIsNotAQueue() throws Exception {
        final Path empty = Files.createDirectory(directory.resolve("empty"));
        final ExperienceLogException notQueue = assertThrows(ExperienceLogException.class,
            () -> ExperienceLogReader.open(empty, errors::add));
        assertTrue(notQueue.getMessage().contains("is not a Chronicle queue"), notQueue.getMessage());
        assertFalse(Files.exists(empty.resolve("metadata.cq4t")), "the reader must not create a queue");

        final ExperienceLogException missing = assertThrows(ExperienceLogException.class,
            () -> ExperienceLogReader.open(directory.resolve("missing"), errors::add));
        assertTrue(missing.getMessage().contains("is not a directory"), missing.getMessage());
    }

    @Test
    void shouldDrainWithoutAllocating() {
        startAgent(ExperienceLogConfig.defaults(directory));
        for (int step = 0; step < WARM_UP_RECORDS; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
            agent.doWork();
        }
        // rounds of 10 000 records (1.7 MB), the least of three measured: a chunk's mapping, or a one-off event seen
        // once in a full build (1 528 bytes), can fall in one round; an allocation per record shows in every round
        final long[] offered = {WARM_UP_RECORDS};
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(10_000, step -> {
            records.offer(ring, RecordType.STEP, 1, step);
            agent.doWork();
            offered[0]++;
        });
        assertEquals(0, bytes);
        assertEquals(offered[0], agent.recordsWritten());
    }

    @Test
    void shouldReadWithoutAllocating() {
        startAgent(ExperienceLogConfig.defaults(directory));
        final int total = WARM_UP_RECORDS + 200_000;
        for (int step = 0; step < total; step++) {
            records.offer(ring, RecordType.STEP, 1, step);
            agent.doWork();
        }
        final long[] sum = new long[1];
        final ExperienceRecordHandler handler = record -> sum[0] += record.stepIndex();
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            for (int i = 0; i < WARM_UP_RECORDS; i++) {
                reader.poll(handler, 1);
            }
            final long bytes = AllocationProbe.bytesAllocated(100_000, i -> reader.poll(handler, 1));
            assertEquals(0, bytes);
            assertEquals(0, reader.poll(handler, 1));
        }
        assertEquals((total - 1L) * total / 2, sum[0]);
    }
}
