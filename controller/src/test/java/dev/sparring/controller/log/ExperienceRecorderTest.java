package dev.sparring.controller.log;

import dev.sparring.hal.AllocationProbe;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperienceRecorderTest {
    private static final double[] OBSERVATION = {0.5, -1.25, 3.0};
    private static final double[] ACTION = {2.0};

    private static OneToOneRingBuffer ring(final int capacity) {
        return new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Drains the ring, describing each record as "TYPE step flags" for assertions. A read stops at the end of the
     * buffer, so a drain that crosses the wrap takes a second read.
     */
    private static List<String> drain(final OneToOneRingBuffer ring) {
        final List<String> records = new ArrayList<>();
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        for (int pass = 0; pass < 2; pass++) {
            ring.read((msgTypeId, buffer, index, length) -> {
                record.wrap(buffer, index);
                assertEquals(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, msgTypeId);
                assertEquals(record.length(), length);
                records.add(record.type() + " " + record.stepIndex() + " " + record.flags());
            });
        }
        return records;
    }

    @Test
    void shouldWriteEveryFieldOfAStep() {
        final OneToOneRingBuffer ring = ring(4096);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 7L, 99L, 3, 3, 1, 2);
        assertTrue(recorder.step(123_456L, 5L, 42L, OBSERVATION, ACTION, new double[] {-0.5, 0.25}, 1.0, -0.7,
            ExperienceRecordFlyweight.FLAG_SAFETY_FAULT));
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        assertEquals(1, ring.read((type, buffer, index, length) -> {
            record.wrap(buffer, index);
            assertEquals(ExperienceRecordFlyweight.FORMAT_VERSION, record.formatVersion());
            assertEquals(RecordType.STEP, record.type());
            assertEquals(ExperienceRecordFlyweight.FLAG_SAFETY_FAULT, record.flags());
            assertEquals(7L, record.robotId());
            assertEquals(99L, record.policyId());
            assertEquals(3, record.policyVersion());
            assertEquals(5L, record.episodeId());
            assertEquals(42L, record.stepIndex());
            assertEquals(123_456L, record.timestampNs());
            assertEquals(1.0f, record.reward());
            assertEquals(-0.7f, record.logProbability());
            assertEquals(-1.25f, record.observation(1));
            assertEquals(2.0f, record.action(0));
            assertEquals(0.25f, record.adversary(1));
            assertEquals(64 + 4 * 6 + 4, length);
            assertTrue(record.isChecksumValid());
        }));
    }

    @Test
    void shouldSealEveryRecordSoThatAnyChangedByteFailsItsChecksum() {
        final OneToOneRingBuffer ring = ring(4096);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 7L, 99L, 3, 3, 1, 0);
        assertTrue(recorder.step(1L, 5L, 0L, OBSERVATION, ACTION, null, 1.0, -0.7, 0));
        assertTrue(recorder.episodeEnd(2L, 5L, 1L, ExperienceRecordFlyweight.FLAG_TERMINAL));
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        final List<String> checks = new ArrayList<>();
        ring.read((type, buffer, index, length) -> {
            record.wrap(buffer, index);
            final boolean intact = record.isChecksumValid();
            buffer.putByte(index + length / 2, (byte) (buffer.getByte(index + length / 2) ^ 1));
            checks.add(record.type() + " " + intact + " " + record.isChecksumValid());
        });
        assertEquals(List.of("STEP true false", "EPISODE_END true false"), checks);
    }

    @Test
    void shouldRejectARingOverARawAddressWhichCannotBeChecksummed() {
        final UnsafeBuffer raw = new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + RingBufferDescriptor.TRAILER_LENGTH));
        raw.wrap(raw.addressOffset(), raw.capacity());
        assertThrows(IllegalArgumentException.class,
            () -> new ExperienceRecorder(new OneToOneRingBuffer(raw), 1L, 1L, 1, 3, 1, 0));
    }

    @Test
    void shouldDropWhenFullAndMarkTheGapBeforeTheNextRecord() {
        final OneToOneRingBuffer ring = ring(1024);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 1L, 1L, 1, 3, 1, 0);
        int accepted = 0;
        for (int step = 0; step < 20; step++) {
            if (recorder.step(step, 1L, step, OBSERVATION, ACTION, null, 1.0, 0.0, 0)) {
                accepted++;
            }
        }
        assertTrue(accepted < 20, "a 1 KiB ring cannot hold 20 records of 80 bytes plus headers");
        assertEquals(20 - accepted, recorder.dropped());
        assertEquals(accepted, recorder.offered());
        assertEquals(accepted, drain(ring).size());

        assertTrue(recorder.episodeEnd(100L, 1L, 20, ExperienceRecordFlyweight.FLAG_TRUNCATED));
        assertEquals(List.of("GAP " + (20 - accepted) + " 0", "EPISODE_END 20 2"), drain(ring));
        assertTrue(recorder.episodeStart(101L, 2L));
        assertEquals(List.of("EPISODE_START 0 0"), drain(ring), "no second gap marker once reported");
    }

    @Test
    void shouldGiveAGapTheEpisodeAndTimeOfTheRecordItPrecedes() {
        final OneToOneRingBuffer ring = ring(1024);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 1L, 1L, 1, 3, 1, 0);
        while (recorder.step(0, 4L, 0, OBSERVATION, ACTION, null, 1.0, 0.0, 0)) {
            assertFalse(recorder.offered() > 100, "the ring must fill up");
        }
        drain(ring);
        assertTrue(recorder.episodeStart(77L, 5L));
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        final List<String> records = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            ring.read((type, buffer, index, length) -> {
                record.wrap(buffer, index);
                records.add(record.type() + " episode " + record.episodeId() + " at " + record.timestampNs());
            });
        }
        assertEquals(List.of("GAP episode 5 at 77", "EPISODE_START episode 5 at 77"), records);
    }

    @Test
    void shouldCountDropsWhileEvenTheGapMarkerDoesNotFit() {
        final OneToOneRingBuffer ring = ring(1024);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 1L, 1L, 1, 3, 1, 0);
        while (recorder.step(0, 1L, 0, OBSERVATION, ACTION, null, 1.0, 0.0, 0)) {
            assertFalse(recorder.offered() > 100, "the ring must fill up");
        }
        final long droppedOnFull = recorder.dropped();
        assertFalse(recorder.episodeStart(1L, 2L));
        assertEquals(droppedOnFull + 1, recorder.dropped());
    }

    @Test
    void shouldRejectARecordLargerThanTheRingTakes() {
        assertThrows(IllegalArgumentException.class, () -> new ExperienceRecorder(ring(1024), 1L, 1L, 1, 200, 6, 0));
    }

    @Test
    void shouldNotAllocateWhenOfferingOrDropping() {
        final OneToOneRingBuffer ring = ring(64 * 1024);
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 1L, 1L, 1, 3, 1, 0);
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(100_000, i -> {
            recorder.step(i, 1L, i, OBSERVATION, ACTION, null, 1.0, 0.0, 0);
            if ((i & 255) == 0) {
                ring.read((type, buffer, index, length) -> { }, 100);
            }
        });
        assertEquals(0, bytes, "bytes allocated by 100 000 offers (some dropped, some drained)");
        assertTrue(recorder.dropped() > 0 && recorder.offered() > 0, "both paths ran");
    }
}
