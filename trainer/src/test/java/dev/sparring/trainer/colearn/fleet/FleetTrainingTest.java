package dev.sparring.trainer.colearn.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small fleet runs end to end on simulated time, through real logs, deterministically. */
final class FleetTrainingTest {
    private static final Path FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml");

    @TempDir
    Path directory;

    private double[] run(final SharingMode sharing, final String name) throws Exception {
        final FleetConfig config = FleetConfig.defaults(8, 2, 64, 256, 2, sharing, 5);
        return new FleetTraining(config, FleetDescription.load(FLEET), directory.resolve(name)).run(null, false);
    }

    @Test
    void shouldRunEveryWindowOfEveryRobotAndWriteItsMetrics() throws Exception {
        final double[] curve = run(SharingMode.COLEARN, "colearn");

        assertEquals(4, curve.length, "256 steps in windows of 64");
        final List<String> metrics = Files.readAllLines(directory.resolve("colearn").resolve("metrics.csv"));
        assertEquals(FleetTraining.METRICS_HEADER, metrics.get(0));
        assertEquals(1 + 4 * 8, metrics.size(), "a row per window and robot");
        assertTrue(Files.exists(directory.resolve("colearn").resolve("fidelity.csv")));
        assertTrue(!Files.exists(directory.resolve("colearn").resolve("logs")), "logs deleted unless kept");
    }

    @Test
    void shouldGiveEveryLearnerSlicesOfEveryPartnerWithinItsBudgetWhenSharingWithEveryone() throws Exception {
        run(SharingMode.ALL, "all");
        final List<String> metrics = Files.readAllLines(directory.resolve("all").resolve("metrics.csv"));
        for (final String line : metrics.subList(1, metrics.size())) {
            final String[] f = line.split(",");
            assertEquals(3, Integer.parseInt(f[6]), "every other robot of the supervisor's 4: " + line);
            assertTrue(Long.parseLong(f[7]) <= 2 * 64, "at most T = 2 windows of steps: " + line);
        }
    }

    @Test
    void shouldGiveTheSameRunForTheSameSeed() throws Exception {
        assertArrayEquals(run(SharingMode.RANDOM, "a"), run(SharingMode.RANDOM, "b"));
        assertEquals(Files.readAllLines(directory.resolve("a").resolve("metrics.csv")),
            Files.readAllLines(directory.resolve("b").resolve("metrics.csv")));
    }
}
