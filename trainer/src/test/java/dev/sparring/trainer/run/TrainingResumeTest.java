package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.algo.PolicyConfig;
import dev.sparring.trainer.algo.Ppo;
import dev.sparring.trainer.algo.PpoConfig;
import dev.sparring.trainer.algo.Role;
import dev.sparring.trainer.algo.TrpoConfig;
import dev.sparring.trainer.rarl.RarlConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** A run stopped and resumed from its checkpoint ends exactly where an uninterrupted run ends. */
class TrainingResumeTest {
    private static final int ITERATIONS = 4;

    @TempDir
    Path dir;

    static TrainingConfig config(final Algorithm algorithm) {
        return config(algorithm, false);
    }

    static TrainingConfig config(final Algorithm algorithm, final boolean annealLearningRate) {
        final int envs = 2;
        final int stepsPerEnv = 64;
        return new TrainingConfig("inverted_pendulum", algorithm, true, 3, (long) ITERATIONS * envs * stepsPerEnv,
            envs, stepsPerEnv, 2, 1, RarlConfig.authors(5.0), new PolicyConfig(new int[] {16, 16}, true, 10.0, true,
            10.0, false), new PpoConfig(0.99, 0.95, 2, 4, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
            Double.POSITIVE_INFINITY, true, annealLearningRate),
            new TrpoConfig(0.995, 0.97, 0.01, 10, 0.1, 15, 0.8, 1e-3, 2, 4, true));
    }

    @ParameterizedTest
    @CsvSource({"PPO, false", "TRPO, false", "PPO, true"})
    void shouldEndBitForBitWhereAnUninterruptedRunEnds(final Algorithm algorithm, final boolean anneal)
        throws IOException {
        final Path straight = dir.resolve("straight");
        final Path interrupted = dir.resolve("interrupted");
        try (TrainingSession session = TrainingSession.start(config(algorithm, anneal))) {
            assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.run(session, straight, false, () -> false, null));
        }
        final int[] iterations = {0};
        try (TrainingSession session = TrainingSession.start(config(algorithm, anneal))) {
            assertEquals(TrainingRun.Outcome.STOPPED, TrainingRun.run(session, interrupted, false,
                () -> iterations[0]++ >= 2, null));
            assertFalse(Files.exists(interrupted.resolve(TrainingRun.POLICY_FILE)), "no export before the end");
        }
        try (TrainingSession session = TrainingRun.resume(interrupted)) {
            assertEquals(2, session.protagonist().metrics().iteration());
            assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.run(session, interrupted, true, () -> false, null));
        }
        assertEquals(CheckpointFile.read(straight.resolve(TrainingRun.CHECKPOINT_FILE)),
            CheckpointFile.read(interrupted.resolve(TrainingRun.CHECKPOINT_FILE)));
        assertArrayEquals(Files.readAllBytes(straight.resolve(TrainingRun.POLICY_FILE)),
            Files.readAllBytes(interrupted.resolve(TrainingRun.POLICY_FILE)));
        assertEquals(withoutTimings(straight), withoutTimings(interrupted));
        assertEquals(ITERATIONS + 1, withoutTimings(straight).size());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shouldExtendAFinishedRunBitForBitAsARunThatHadTheLargerBudgetFromTheStart(final Algorithm algorithm)
        throws IOException {
        final Path straight = dir.resolve("straight");
        final Path extended = dir.resolve("extended");
        final TrainingConfig config = config(algorithm);
        try (TrainingSession session = TrainingSession.start(config)) {
            TrainingRun.run(session, straight, false, () -> false, null);
        }
        final TrainingConfig half = config.with(List.of("totalSteps=" + config.totalSteps() / 2));
        try (TrainingSession session = TrainingSession.start(half)) {
            assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.run(session, extended, false, () -> false, null));
        }
        try (TrainingSession session = TrainingRun.resume(extended, config.totalSteps())) {
            assertEquals(ITERATIONS / 2, session.protagonist().metrics().iteration());
            assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.run(session, extended, true, () -> false, null));
        }
        assertEquals(CheckpointFile.read(straight.resolve(TrainingRun.CHECKPOINT_FILE)),
            CheckpointFile.read(extended.resolve(TrainingRun.CHECKPOINT_FILE)));
        assertArrayEquals(Files.readAllBytes(straight.resolve(TrainingRun.POLICY_FILE)),
            Files.readAllBytes(extended.resolve(TrainingRun.POLICY_FILE)));
        assertEquals(withoutTimings(straight), withoutTimings(extended));
        assertEquals(Files.readString(straight.resolve(TrainingRun.CONFIG_FILE)),
            Files.readString(extended.resolve(TrainingRun.CONFIG_FILE)));
    }

    @Test
    void shouldRefuseToShortenTheBudgetOfAResumedRun() throws IOException {
        final Checkpoint checkpoint;
        try (TrainingSession session = TrainingSession.start(config(Algorithm.PPO))) {
            checkpoint = session.checkpoint();
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TrainingSession.resume(checkpoint, 256));
        assertEquals("a resumed run can extend its budget of 512 steps, not shorten it to 256", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shouldTrainBothPlayersUnderRarl(final Algorithm algorithm) {
        try (TrainingSession session = TrainingSession.start(config(algorithm))) {
            final Checkpoint before = session.checkpoint();
            session.iterate();
            assertEquals(1, session.adversary().metrics().iteration());
            assertNotEquals(before.doubles("adversary/policy")[0], session.checkpoint().doubles("adversary/policy")[0]);
            assertNotEquals(before.doubles("protagonist/policy")[0],
                session.checkpoint().doubles("protagonist/policy")[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shouldRefuseACheckpointOfAnotherShape(final Algorithm algorithm) {
        final Checkpoint checkpoint;
        try (TrainingSession session = TrainingSession.start(config(algorithm))) {
            checkpoint = session.checkpoint();
        }
        final Checkpoint damaged = new Checkpoint();
        for (final String name : checkpoint.names()) {
            if (name.equals("protagonist/value")) {
                damaged.putDoubles(name, new double[3]);
            } else {
                damaged.put(name, checkpoint.raw(name));
            }
        }
        final CheckpointException e = assertThrows(CheckpointException.class, () -> TrainingSession.resume(damaged));
        assertTrue(e.getMessage().contains("protagonist/value"), e.getMessage());
    }

    /** The metrics without the wall-clock columns (steps/s, collect and update seconds). */
    private static List<String> withoutTimings(final Path run) throws IOException {
        return Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE)).stream()
            .map(line -> {
                final String[] cells = line.split(",", -1);
                cells[10] = "";
                cells[11] = "";
                cells[12] = "";
                return String.join(",", cells);
            }).toList();
    }

    @Test
    void shouldResumeAnAnnealedRunAtTheRateOfItsNextUpdate() throws IOException {
        final Path interrupted = dir.resolve("annealed");
        final int[] iterations = {0};
        try (TrainingSession session = TrainingSession.start(config(Algorithm.PPO, true))) {
            TrainingRun.run(session, interrupted, false, () -> iterations[0]++ >= 2, null);
        }
        try (TrainingSession session = TrainingRun.resume(interrupted)) {
            assertTrue(session.config().ppo().annealLearningRate(), "config.txt and the checkpoint keep the setting");
            assertEquals(ITERATIONS, session.config().updates(Role.PROTAGONIST));
            assertEquals(ITERATIONS, session.config().updates(Role.ADVERSARY));
            session.iterate();
            final Ppo protagonist = (Ppo) session.protagonist().optimizer();
            final Ppo adversary = (Ppo) session.adversary().optimizer();
            assertEquals(3e-4 * (1.0 - 2.0 / ITERATIONS), protagonist.adam().learningRate(), 1e-18, "update 3 of 4");
            assertEquals(3e-4 * (1.0 - 2.0 / ITERATIONS), adversary.adam().learningRate(), 1e-18);
        }
    }
}
