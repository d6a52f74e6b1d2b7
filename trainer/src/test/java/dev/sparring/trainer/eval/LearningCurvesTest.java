package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {
    @TempDir
    Path dir;

    @Test
    void shouldInterpolateSeedsAtCommonStepsAndTakeMeanAndStd() {
        final LearningCurve a = new LearningCurve(new double[] {0, 10, 20}, new double[] {0, 10, 20});
        final LearningCurve b = new LearningCurve(new double[] {5, 15, 25}, new double[] {10, 10, 30});

        final MeanCurve curve = LearningCurves.aggregate(List.of(a, b), 4);

        // Common range [5, 20]; a = 5, 10, 15, 20; b = 10, 10, 10, 20 (halfway from 10 at 15 to 30 at 25).
        assertArrayEquals(new double[] {5, 10, 15, 20}, steps(curve));
        assertArrayEquals(new double[] {7.5, 10, 12.5, 20}, new double[] {curve.mean(0), curve.mean(1),
            curve.mean(2), curve.mean(3)}, 1e-12);
        assertArrayEquals(new double[] {2.5, 0, 2.5, 0}, new double[] {curve.std(0), curve.std(1), curve.std(2),
            curve.std(3)}, 1e-12);
        assertEquals(2, curve.seeds());
    }

    @Test
    void shouldTakeTheMedianAndPercentilesOverSeedsAtTheSameCommonSteps() {
        final LearningCurve a = new LearningCurve(new double[] {0, 10, 20}, new double[] {0, 10, 20});
        final LearningCurve b = new LearningCurve(new double[] {5, 15, 25}, new double[] {10, 10, 30});
        final LearningCurve c = new LearningCurve(new double[] {0, 30}, new double[] {40, 40});

        final PercentileCurve curve = LearningCurves.percentiles(List.of(a, b, c), 4, 25.0, 75.0);

        // At steps 5, 10, 15, 20: a = 5, 10, 15, 20; b = 10, 10, 10, 20; c = 40 throughout.
        assertArrayEquals(new double[] {5, 10, 15, 20}, curve.steps());
        assertArrayEquals(new double[] {10, 10, 15, 20}, curve.median(), 1e-12);
        assertArrayEquals(new double[] {7.5, 10, 12.5, 20}, curve.low(), 1e-12);
        assertArrayEquals(new double[] {25, 25, 27.5, 30}, curve.high(), 1e-12);
        assertEquals(3, curve.seeds());
    }

    @Test
    void shouldAverageValuesLoggedAtTheSameStep() {
        final LearningCurve seed = new LearningCurve(new double[] {0, 10, 10, 20}, new double[] {0, 4, 8, 20});

        final MeanCurve curve = LearningCurves.aggregate(List.of(seed), 5);

        assertArrayEquals(new double[] {0, 3, 6, 13, 20}, new double[] {curve.mean(0), curve.mean(1), curve.mean(2),
            curve.mean(3), curve.mean(4)}, 1e-12);
        assertEquals(0.0, curve.std(2));
    }

    @Test
    void shouldTakeThePopulationStdOverThreeSeeds() {
        final List<LearningCurve> seeds = List.of(
            new LearningCurve(new double[] {0, 100}, new double[] {1, 1}),
            new LearningCurve(new double[] {0, 100}, new double[] {2, 2}),
            new LearningCurve(new double[] {0, 100}, new double[] {6, 6}));

        final MeanCurve curve = LearningCurves.aggregate(seeds, 2);

        assertEquals(3.0, curve.mean(0), 1e-12);
        assertEquals(Math.sqrt((4.0 + 1.0 + 9.0) / 3.0), curve.std(1), 1e-12);
    }

    @Test
    void shouldRefuseSeedsWhoseStepsDoNotOverlap() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningCurves.aggregate(
            List.of(new LearningCurve(new double[] {0, 10}, new double[] {0, 1}),
                new LearningCurve(new double[] {20, 30}, new double[] {0, 1})), 10));

        assertTrue(e.getMessage().contains("latest first step is 20.0 and the earliest last step 10.0"),
            e.getMessage());
    }

    @Test
    void shouldReadAMetricByColumnNameAndSkipRowsWithoutIt() throws Exception {
        final Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, """
            global_step,losses/approx_kl,charts/episodic_return
            2048,0.01,
            4096,0.02,15.5
            6144,0.01,21.0
            """);

        final LearningCurve curve = LearningCurves.read(csv, "global_step", "charts/episodic_return");

        assertEquals(2, curve.size());
        assertEquals(4096.0, curve.step(0));
        assertEquals(15.5, curve.value(0));
        assertEquals(6144.0, curve.step(1));
        assertEquals(21.0, curve.value(1));
    }

    @Test
    void shouldNameTheColumnsWhenAMetricIsMissing() throws Exception {
        final Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "step,return\n1,2\n");

        final FileSystemException e = assertThrows(FileSystemException.class,
            () -> LearningCurves.read(csv, "step", "charts/episodic_return"));

        assertTrue(e.getMessage().endsWith("has no column 'charts/episodic_return'; its columns are [step, return]"),
            e.getMessage());
    }

    @Test
    void shouldWriteTheAggregatedCurveAsCsv() throws Exception {
        final MeanCurve curve = LearningCurves.aggregate(List.of(
            new LearningCurve(new double[] {0, 10}, new double[] {0, 10}),
            new LearningCurve(new double[] {0, 10}, new double[] {2, 12})), 2);
        final Path csv = dir.resolve("curve.csv");

        curve.writeCsv(csv);

        assertEquals("""
            steps,mean_return,std_return,seeds
            0,1,1,2
            10,11,1,2
            """, Files.readString(csv));
    }

    private static double[] steps(final MeanCurve curve) {
        final double[] steps = new double[curve.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = curve.step(i);
        }
        return steps;
    }
}
