package dev.sparring.trainer.colearn.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.RecordType;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.run.TensorBoardFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** A small fleet runs end to end on simulated time, through real logs, deterministically. */
final class FleetTrainingTest {
    private static final Path FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml");

    @TempDir
    Path directory;

    private double[] run(final SharingMode sharing, final String name) throws Exception {
        final FleetConfig config = FleetConfig.defaults(8, 2, 64, 256, 2, sharing, 5);
        return new FleetTraining(config, FleetDescription.load(FLEET), directory.resolve(name),
            FleetTransport.LOCAL).run(null, false);
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
        assertEquals(tensorBoardScalars(metrics, curve), scalarsOfEvents(directory.resolve("colearn")));
    }

    /** What the run's events file should hold: each window's fleet curve point and each robot's recent return. */
    private static Set<String> tensorBoardScalars(final List<String> metrics, final double[] curve) {
        final Set<String> scalars = new TreeSet<>();
        for (int w = 0; w < curve.length; w++) {
            scalars.add("fleet/recent_return@" + (w + 1) * 64 + "=" + (float) curve[w]);
        }
        for (final String row : metrics.subList(1, metrics.size())) {
            final String[] cells = row.split(",", -1);
            if (!cells[11].isEmpty()) {
                scalars.add(String.format(Locale.ROOT, "robot-%d/recent_return@%s=%s", Integer.parseInt(cells[2]),
                    cells[1], (float) Double.parseDouble(cells[11])));
            }
        }
        return scalars;
    }

    private static Set<String> scalarsOfEvents(final Path run) throws IOException {
        final List<Path> files = TensorBoardFiles.eventFiles(run);
        assertEquals(1, files.size(), files::toString);
        final Set<String> scalars = new TreeSet<>();
        for (final Event event : TensorBoardFiles.records(files.getFirst())) {
            for (final Summary.Value value : event.getSummary().getValueList()) {
                scalars.add(value.getTag() + "@" + event.getStep() + "=" + value.getSimpleValue());
            }
        }
        return scalars;
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
    void shouldHaveLearnersTrainOnExactlyTheStepsTheLogsHold() throws Exception {
        final FleetConfig config = FleetConfig.defaults(8, 2, 64, 256, 2, SharingMode.COLEARN, 5);
        final Path run = directory.resolve("kept");
        new FleetTraining(config, FleetDescription.load(FLEET), run, FleetTransport.LOCAL).run(null, true);
        final long windowNs = 64 * 40_000_000L;
        final List<String> given = Files.readAllLines(run.resolve("windows.csv"));
        assertEquals(1 + 4 * 8, given.size());
        for (int robot = 0; robot < 8; robot++) {
            final long[] digest = new long[4];
            final int[] steps = new int[4];
            java.util.Arrays.fill(digest, 0xcbf29ce484222325L);
            try (ExperienceLogReader reader = ExperienceLogReader.open(run.resolve("logs").resolve("robot-" + robot),
                error -> { throw new AssertionError(error); })) {
                reader.fromStart();
                while (reader.poll(record -> {
                    if (record.type() != RecordType.STEP) {
                        return;
                    }
                    // window w holds the steps begun in [wK - 1, (w + 1)K - 1) periods (FleetTraining)
                    final int w = (int) ((record.timestampNs() + 40_000_000L) / windowNs);
                    if (w >= digest.length) {
                        return;
                    }
                    long h = digest[w];
                    for (int i = 0; i < record.observationCount(); i++) {
                        h = LoggedWindow.fnv(h, Float.floatToIntBits(record.observation(i)));
                    }
                    for (int i = 0; i < record.actionCount(); i++) {
                        h = LoggedWindow.fnv(h, Float.floatToIntBits(record.action(i)));
                    }
                    h = LoggedWindow.fnv(h, Float.floatToIntBits(record.reward()));
                    h = LoggedWindow.fnv(h, Float.floatToIntBits(record.logProbability()));
                    h = LoggedWindow.fnv(h, record.flags());
                    h = LoggedWindow.fnv(h, (int) record.policyId());
                    h = LoggedWindow.fnv(h, (int) (record.policyId() >>> 32));
                    digest[w] = h;
                    steps[w]++;
                }, 1000) > 0) {
                    // read on
                }
            }
            for (int w = 0; w < 4; w++) {
                final String expected = w + "," + robot + "," + steps[w] + "," + String.format("%016x", digest[w]);
                final String prefix = w + "," + robot + ",";
                assertTrue(given.contains(expected), "robot " + robot + " window " + w + ": the log holds " + expected
                    + ", the learner was given " + given.stream().filter(line -> line.startsWith(prefix)).toList());
            }
        }
    }

    @Test
    void shouldGiveTheSameRunForTheSameSeed() throws Exception {
        assertArrayEquals(run(SharingMode.RANDOM, "a"), run(SharingMode.RANDOM, "b"));
        assertEquals(Files.readAllLines(directory.resolve("a").resolve("metrics.csv")),
            Files.readAllLines(directory.resolve("b").resolve("metrics.csv")));
    }

    @Test
    void shouldGiveTheLearnersTheSameRecordsAndResultsWhenTheLogsTravelOverAeron() throws Exception {
        final FleetConfig config = FleetConfig.defaults(8, 2, 64, 256, 2, SharingMode.COLEARN, 5);
        final Path local = directory.resolve("local");
        final Path aeron = directory.resolve("aeron");
        new FleetTraining(config, FleetDescription.load(FLEET), local, FleetTransport.LOCAL).run(null, false);
        new FleetTraining(config, FleetDescription.load(FLEET), aeron, FleetTransport.AERON).run(null, true);

        for (final String file : List.of("windows.csv", "metrics.csv", "fidelity.csv")) {
            assertEquals(Files.readAllLines(local.resolve(file)), Files.readAllLines(aeron.resolve(file)),
                file + " differs between the transports");
        }
        for (int robot = 0; robot < 8; robot++) {
            final Path copy = aeron.resolve("received").resolve("supervisor-" + config.supervisorOf(robot))
                .resolve("robot-" + robot);
            assertTrue(Files.isDirectory(copy), "robot-" + robot + "'s copy is with its supervisor: " + copy);
        }
        final String report = Files.readString(aeron.resolve("transport.txt"));
        assertTrue(report.contains("supervisor-1:"), report);
    }
}
