package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A supervisor reads a robot's real Chronicle log window by window, each step once, linked as it happened. */
final class RobotLogFollowerTest {
    private static final long PERIOD_NS = 1_000_000;

    @TempDir
    Path directory;

    /**
     * Episode 1: steps 0..5 at t = 0..5 ms, terminal (its end marker stamped at 6 ms); episode 2: steps 0..3 at 7..10
     * ms, cut by the run's end. Windows end at 4, 8 and 12 ms.
     */
    private void writeTwoEpisodes() {
        try (ExperienceLog log = new ExperienceLog(ExperienceLogConfig.defaults(directory), 5L, 9L, 1, 2, 1, 0)) {
            final ExperienceRecorder recorder = log.recorder();
            recorder.episodeStart(0, 1);
            for (int step = 0; step < 6; step++) {
                recorder.step(step * PERIOD_NS, 1, step, new double[] {step, -step}, new double[] {0.5 * step}, null,
                    1.0 + step, -0.25 * step, 0);
            }
            recorder.episodeEnd(6 * PERIOD_NS, 1, 6, ExperienceRecordFlyweight.FLAG_TERMINAL);
            recorder.episodeStart(7 * PERIOD_NS, 2);
            for (int step = 0; step < 4; step++) {
                final long t = (7 + step) * PERIOD_NS;
                recorder.step(t, 2, step, new double[] {10 + step, 0}, new double[] {1}, null, 2.0, Double.NaN, 0);
            }
            recorder.episodeEnd(11 * PERIOD_NS, 2, 4, ExperienceRecordFlyweight.FLAG_TRUNCATED);
            log.finish();
        }
    }

    @Test
    void shouldHandOverEachStepOnceInItsWindowLinkedWithinItsEpisode() {
        writeTwoEpisodes();
        final LoggedWindow window = new LoggedWindow(16, 2, 1);
        try (RobotLogFollower follower = RobotLogFollower.open("r0", directory, error -> { })) {
            follower.readUntil(4 * PERIOD_NS, window);
            assertNull(window.problem());
            assertEquals(4, window.steps(), "steps 0..3 of episode 1");
            for (int row = 0; row < 3; row++) {
                assertTrue(window.hasSuccessor(row), "row " + row);
            }
            assertFalse(window.hasSuccessor(3), "the window's end cuts the segment");
            assertEquals(2.0, window.observations()[2 * 2], "observation of step 2");
            assertEquals(1.5, window.actions()[3], "action of step 3");
            assertEquals(4.0, window.rewards()[3]);
            assertEquals(-0.75, window.logProbabilities()[3]);
            assertEquals(9L, window.policyId(0));

            follower.readUntil(8 * PERIOD_NS, window);
            assertEquals(3, window.steps(), "steps 4, 5 of episode 1 and step 0 of episode 2");
            assertTrue(window.hasSuccessor(0));
            assertFalse(window.hasSuccessor(1), "episode 1 ended with step 5");
            assertTrue(window.terminal(1), "its end marker said terminal");
            assertFalse(window.terminal(0));
            assertEquals(10.0, window.observations()[2 * 2]);

            follower.readUntil(12 * PERIOD_NS, window);
            assertEquals(3, window.steps(), "steps 1..3 of episode 2");
            assertTrue(window.hasSuccessor(0) && window.hasSuccessor(1));
            assertFalse(window.terminal(2), "episode 2 was cut, not terminated");
            assertTrue(window.episodeEnd(2), "but it ended there");
            assertFalse(window.episodeEnd(1));
            final TransitionWindow transitions = window.transitions();
            assertEquals(2, transitions.count(), "steps 1 -> 2 and 2 -> 3");
            assertEquals(11.0, transitions.observations()[0]);
            assertEquals(12.0, transitions.nextObservations()[0]);
            assertEquals(2.0, transitions.rewards()[1]);
            assertTrue(Double.isNaN(window.logProbabilities()[2]), "deterministic steps carry no density");

            follower.readUntil(100 * PERIOD_NS, window);
            assertEquals(0, window.steps(), "nothing is handed over twice");
        }
    }

    @Test
    void shouldMarkTheLastStepTerminalWhenItsEndMarkerIsStampedAfterTheWindow() {
        writeTwoEpisodes();
        final LoggedWindow window = new LoggedWindow(16, 2, 1);
        try (RobotLogFollower follower = RobotLogFollower.open("r0", directory, error -> { })) {
            follower.readUntil(6 * PERIOD_NS, window);
            assertEquals(6, window.steps());
            assertTrue(window.terminal(5), "the marker at 6 ms belongs to step 5, read with it");
            follower.readUntil(12 * PERIOD_NS, window);
            assertEquals(4, window.steps(), "episode 2 whole");
        }
    }

    @Test
    void shouldReportALogOfAnotherLayoutAndKeepNoneOfItsSteps() {
        writeTwoEpisodes();
        final LoggedWindow window = new LoggedWindow(16, 3, 1);
        try (RobotLogFollower follower = RobotLogFollower.open("r7", directory, error -> { })) {
            follower.readUntil(12 * PERIOD_NS, window);
            assertEquals(0, window.steps());
            assertEquals("robot 'r7': its log holds steps of 2 observations and 1 actions; the fleet's layout is 3 "
                + "and 1", window.problem());
        }
    }

    @Test
    void shouldCountStepsBeyondTheWindowsCapacity() {
        writeTwoEpisodes();
        final LoggedWindow window = new LoggedWindow(4, 2, 1);
        try (RobotLogFollower follower = RobotLogFollower.open("r0", directory, error -> { })) {
            follower.readUntil(12 * PERIOD_NS, window);
            assertEquals(4, window.steps());
            assertEquals(6, window.stepsOverCapacity());
        }
    }

    @Test
    void shouldRefuseAMissingLog() {
        final ExperienceLogException missing = assertThrows(ExperienceLogException.class,
            () -> RobotLogFollower.open("r0", directory.resolve("nowhere"), error -> { }));
        assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
    }
}
