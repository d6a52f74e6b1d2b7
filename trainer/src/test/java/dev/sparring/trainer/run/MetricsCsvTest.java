package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.trainer.eval.LearningCurve;
import dev.sparring.trainer.eval.LearningCurves;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's CSV files hold every number in the one round-trip form, and step counts as integers. */
class MetricsCsvTest {
    private static final Set<String> INTEGER_COLUMNS = Set.of("iteration", "global_step", "losses/line_search_steps",
        "adversary/global_step", "steps", "seeds");

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryMetricInItsRoundTripFormAndStepsAsIntegers() throws IOException {
        for (final Algorithm algorithm : Algorithm.values()) {
            final Path run = dir.resolve(algorithm.name());
            try (TrainingSession session = TrainingSession.start(TrainingResumeTest.config(algorithm))) {
                TrainingRun.run(session, run, false, () -> false, null);
            }
            assertCanonical(run.resolve(TrainingRun.METRICS_FILE), TrainingResumeTest.config(algorithm).adversarial());
            final LearningCurve curve = LearningCurves.read(run.resolve(TrainingRun.METRICS_FILE),
                MetricsCsv.STEP_COLUMN, MetricsCsv.RETURN_COLUMN);
            LearningCurves.aggregate(List.of(curve, curve), 7).writeCsv(dir.resolve("curve.csv"));
            assertCanonical(dir.resolve("curve.csv"), true);
        }
    }

    /** Each cell reads back to a value that writes as the same text; integer columns hold whole numbers. */
    private static void assertCanonical(final Path file, final boolean expectFilled) throws IOException {
        final List<String> lines = Files.readAllLines(file);
        final String[] header = lines.getFirst().split(",");
        int numbers = 0;
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                if (cells[c].isEmpty()) {
                    continue;
                }
                final double value = Double.parseDouble(cells[c]);
                assertEquals(cells[c], CsvNumbers.format(value), file + " " + header[c]);
                if (INTEGER_COLUMNS.contains(header[c])) {
                    assertTrue(cells[c].matches("\\d+"), file + " " + header[c] + " = " + cells[c]);
                }
                numbers++;
            }
        }
        assertTrue(!expectFilled || numbers >= 4 * (lines.size() - 1), file + ": " + numbers + " numbers");
    }
}
