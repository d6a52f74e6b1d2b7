package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

/**
 * The reader reads a queue of any roll cycle through its own framing walk, without opening it in Chronicle, so
 * Chronicle has no roll length to override or warn of.
 */
class RollCycleReadTest {
    @TempDir
    Path directory;

    @AfterEach
    void restoreChronicleLogging() {
        Jvm.resetExceptionHandlers();
    }

    @ParameterizedTest
    @EnumSource(value = RollCycles.class, names = {"FAST_HOURLY", "FIVE_MINUTELY", "FAST_DAILY", "WEEKLY"})
    void shouldReadAQueueOfAnyRollCycleWithoutChronicleWarnings(final RollCycles cycle) {
        final ExperienceLogConfig config = ExperienceLogConfig.defaults(directory).withRollCycle(cycle);
        final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
        final ExperienceLoggerAgent writer = new ExperienceLoggerAgent(config, ring, Throwable::printStackTrace,
            new CachedNanoClock());
        writer.onStart();
        new ExperienceRecords().offer(ring, RecordType.STEP, 0, 0);
        writer.doWork();
        writer.onClose();

        final Map<ExceptionKey, Integer> chronicleMessages = Jvm.recordExceptions(false, false, false);
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, Throwable::printStackTrace)) {
            assertEquals(1, reader.poll(record -> { }, 10));
        }
        assertTrue(chronicleMessages.keySet().stream().noneMatch(key -> String.valueOf(key.message())
            .startsWith("Overriding")), "Chronicle warned: " + chronicleMessages.keySet());
    }
}
