package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * A run's TensorBoard event files read back independently of the writer: the TFRecord framing from TensorFlow's
 * documented record format (checking both masked CRC-32Cs), each record's data parsed by TensorFlow Java's own
 * generated {@code Event} class, and every (tag, step, value) compared with the run's {@code metrics.csv}.
 */
class TensorBoardEventsTest {
    @TempDir
    Path dir;

    @Test
    void shouldHoldEveryMetricOfTheCsvUnderItsNameAtItsStep() throws IOException {
        final Path run = dir.resolve("run");
        try (TrainingSession session = TrainingSession.start(TrainingResumeTest.config(Algorithm.PPO))) {
            TrainingRun.run(session, run, false, () -> false, null);
        }
        final List<Path> files = TensorBoardFiles.eventFiles(run);
        assertEquals(1, files.size(), files::toString);
        final List<Event> events = TensorBoardFiles.records(files.getFirst());
        assertEquals("brain.Event:2", events.getFirst().getFileVersion());
        assertEquals(scalarsOfCsv(run), scalarsOf(events));
    }

    @Test
    void shouldAppendANewFileOnResumeAndLeaveTheOldOneAsItWas() throws IOException {
        final Path run = dir.resolve("resumed");
        final int[] iterations = {0};
        try (TrainingSession session = TrainingSession.start(TrainingResumeTest.config(Algorithm.TRPO))) {
            TrainingRun.run(session, run, false, () -> iterations[0]++ >= 2, null);
        }
        final Path first = TensorBoardFiles.eventFiles(run).getFirst();
        final byte[] before = Files.readAllBytes(first);
        final long resumedAtStep;
        try (TrainingSession session = TrainingRun.resume(run)) {
            resumedAtStep = session.protagonist().metrics().totalSteps();
            TrainingRun.run(session, run, true, () -> false, null);
        }
        final List<Path> files = TensorBoardFiles.eventFiles(run);
        assertEquals(2, files.size(), files::toString);
        assertEquals(first, files.getFirst(), "the older file sorts first, as TensorBoard reads them");
        assertArrayEquals(before, Files.readAllBytes(first));
        final List<Event> second = TensorBoardFiles.records(files.get(1));
        assertEquals("brain.Event:2", second.getFirst().getFileVersion());
        assertEquals(SessionLog.SessionStatus.START, second.get(1).getSessionLog().getStatus());
        assertEquals(resumedAtStep, second.get(1).getStep());
        final List<Event> all = new ArrayList<>(TensorBoardFiles.records(first));
        all.addAll(second);
        assertEquals(scalarsOfCsv(run), scalarsOf(all));
    }

    @Test
    void shouldNameFilesByTimeAndHostAndNeverReuseOne() throws IOException {
        final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 250_000_000), ZoneOffset.UTC);
        try (TensorBoardEvents a = TensorBoardEvents.create(dir, clock, "robot-lab");
            TensorBoardEvents b = TensorBoardEvents.create(dir, clock, "robot-lab")) {
            assertEquals("events.out.tfevents.1700000000.robot-lab.0", a.file().getFileName().toString());
            assertEquals("events.out.tfevents.1700000000.robot-lab.1", b.file().getFileName().toString());
            a.write(7, new String[] {"charts/episodic_return", "losses/clipfrac"}, new double[] {12.5, Double.NaN});
        }
        final List<Event> events = TensorBoardFiles.records(
            dir.resolve("events.out.tfevents.1700000000.robot-lab.0"));
        assertEquals(2, events.size());
        assertEquals(1_700_000_000.25, events.get(1).getWallTime());
        assertEquals(7, events.get(1).getStep());
        assertEquals(1, events.get(1).getSummary().getValueCount(), "a NaN (not measured) is left out");
        assertEquals("charts/episodic_return", events.get(1).getSummary().getValue(0).getTag());
        assertEquals(12.5f, events.get(1).getSummary().getValue(0).getSimpleValue());
    }

    /** (tag, step, value as float) of every non-empty metric cell after the iteration and step columns. */
    private static Set<String> scalarsOfCsv(final Path run) throws IOException {
        final List<String> lines = Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE));
        final String[] header = lines.getFirst().split(",");
        final Set<String> scalars = new LinkedHashSet<>();
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            for (int c = 2; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    final float value = (float) Double.parseDouble(cells[c]);
                    scalars.add(header[c] + "@" + Long.parseLong(cells[1]) + "=" + value);
                }
            }
        }
        assertTrue(scalars.size() > 40, scalars::toString);
        return scalars;
    }

    private static Set<String> scalarsOf(final List<Event> events) {
        final Set<String> scalars = new LinkedHashSet<>();
        for (final Event event : events) {
            for (final Summary.Value value : event.getSummary().getValueList()) {
                assertTrue(scalars.add(value.getTag() + "@" + event.getStep() + "=" + value.getSimpleValue()),
                    "each scalar once");
            }
        }
        return scalars;
    }
}
