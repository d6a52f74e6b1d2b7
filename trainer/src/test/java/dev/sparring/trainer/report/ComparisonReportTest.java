package dev.sparring.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.eval.Bootstrap;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.RobustnessStudy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of synthetic experiments: numbers checked against scipy 1.17 ({@code ttest_ind(rarl, baseline,
 * equal_var=False)}) and numpy.
 */
class ComparisonReportTest {
    @TempDir
    Path dir;

    private String report(final Path... experiments) throws IOException {
        final List<ExperimentData> data = new ArrayList<>();
        for (final Path experiment : experiments) {
            data.add(ExperimentData.read(experiment));
        }
        final ComparisonReport.Written written = ComparisonReport.write(data, dir.resolve("out").resolve("r.md"));
        assertEquals(dir.resolve("out").resolve("r-plots"), written.plots());
        return Files.readString(written.markdown());
    }

    @Test
    void shouldTabulateFinalTrainingReturnsPerSeedAndTestTheirDifference() throws IOException {
        final String report = report(ExperimentFixture.write(dir.resolve("ip")));

        assertTrue(report.contains("| seed | baseline | rarl |\n"), report);
        assertTrue(report.contains("| seed-0 | 100.0 | 150.0 |\n"), report);
        assertTrue(report.contains("| seed-3 | — | 190.0 |\n"), report);
        assertTrue(report.contains("| mean | 120.0 ± 16.3 | 160.0 ± 22.4 |\n"), report);
        assertTrue(report.contains("| median | 120.0 | 160.0 |\n"), report);
        // scipy: t = 2.309401076758503, df = 4.959183673469388, p = 0.06938833728481679.
        assertTrue(report.contains("| final training return | 120.0 ± 16.3 | 160.0 ± 22.4 | +40.0 | +2.31 | 5.0 | "
            + "0.069 | " + interval(ExperimentFixture.BASELINE_FINAL, ExperimentFixture.RARL_FINAL) + " |\n"), report);
    }

    @Test
    void shouldCompareEveryEvaluatedConditionWithWelchsTestAndABootstrapInterval() throws IOException {
        final String report = report(ExperimentFixture.write(dir.resolve("ip")));

        assertTrue(report.contains("### Evaluation `eval`"), report);
        assertTrue(report.contains("| condition | baseline (3 seeds) | rarl (4 seeds) | rarl − baseline | Welch's t | "
            + "df | p (two-sided) | 95 % bootstrap interval |"), report);
        // scipy: t = 3.401680257083045, df = 3.234718826405868, p = 0.03781508223836958.
        assertTrue(report.contains("| nominal | 1100.0 ± 81.6 | 1325.0 ± 55.9 | +225.0 | +3.40 | 3.2 | 0.038 | "
            + interval(ExperimentFixture.BASELINE_NOMINAL, ExperimentFixture.RARL_NOMINAL) + " |\n"), report);
        // scipy: t = 5.692099788303083, df = 4.655172413793103, p = 0.002937562642369021.
        assertTrue(report.contains("| sweep, no force | 520.0 ± 16.3 | 610.0 ± 18.7 | +90.0 | +5.69 | 4.7 | 0.003 | "
            + interval(ExperimentFixture.BASELINE_SWEEP, ExperimentFixture.RARL_SWEEP) + " |\n"), report);
        assertFalse(report.contains("| trained adversary |"), "a condition evaluated as NaN is left out");
        assertTrue(report.contains("'trained adversary' was not evaluated for every seed; left out"), report);
    }

    @Test
    void shouldDrawLearningCurvesPercentilesAndOneDimensionalCurvesThroughTheNominalPoint() throws IOException {
        final String report = report(ExperimentFixture.write(dir.resolve("ip")));

        final Path plots = dir.resolve("out").resolve("r-plots").resolve("ip");
        for (final String png : new String[] {"learning_curves.png", "final_return_percentiles.png",
            "eval_none_mass.png", "eval_none_friction.png"}) {
            assertTrue(Files.size(plots.resolve(png)) > 5_000, png);
            assertTrue(report.contains("](r-plots/ip/" + png + ")"), png + " linked in\n" + report);
        }
        assertTrue(report.contains("mass at friction × 1.00 (no force)"), report);
        assertTrue(report.contains("friction at mass × 1.00 (no force)"), report);
    }

    @Test
    void shouldShowMeansWithoutTestsWhenAMethodHasOneSeed() throws IOException {
        final Path experiment = dir.resolve("one");
        ExperimentFixture.seeds(experiment, "baseline", 100);
        ExperimentFixture.seeds(experiment, "rarl", 150, 170);
        Files.createDirectories(experiment.resolve("eval"));
        Files.writeString(experiment.resolve("eval").resolve(RobustnessStudy.RETURNS_FILE),
            RobustnessStudy.RETURNS_HEADER + "\nbaseline,0,nominal,1000.0\nrarl,0,nominal,1300.0\n"
                + "rarl,1,nominal,1400.0\n");

        final String report = report(experiment);

        assertTrue(report.contains("| final training return | 100.0 (1 seed) | 160.0 ± 10.0 | +60.0 | — | — | — | — |"),
            report);
        assertTrue(report.contains("| nominal | 1000.0 (1 seed) | 1350.0 ± 50.0 | +350.0 | — | — | — | — |"),
            report);
        assertTrue(report.contains("rarl vs baseline is not tested: Welch's t and the bootstrap need at least 2 "
            + "seeds per method (baseline has 1 seed, rarl 2 seeds); the means are shown alone."), report);
        assertFalse(report.contains("± 0.0"), report);
    }

    @Test
    void shouldSayWhenAnEvaluationPredatesPerSeedReturns() throws IOException {
        final Path experiment = ExperimentFixture.write(dir.resolve("old"));
        Files.delete(experiment.resolve("eval").resolve(RobustnessStudy.RETURNS_FILE));

        final String report = report(experiment);

        assertTrue(report.contains("old eval: no returns_per_seed.csv (written by an eval older than it), so no "
            + "per-seed returns and no tests"), report);
        assertFalse(report.contains("| nominal |"), report);
        assertTrue(Files.exists(dir.resolve("out").resolve("r-plots").resolve("old").resolve("eval_none_mass.png")));
    }

    @Test
    void shouldFollowTheGridPointNearestTheNominalWhenTheGridHasNone() {
        assertEquals(2, ComparisonReport.nearestToNominal(ParameterAxis.scaled("mass", ParameterAxis.range(0.1, 3.0,
            6))), "0.1, 0.68, 1.26, ...: 1.26 is nearest 1");
        assertEquals(1, ComparisonReport.nearestToNominal(ParameterAxis.scaled("mass", 0.5, 1.0, 1.5)));
    }

    private static String interval(final double[] baseline, final double[] other) {
        final Bootstrap.Interval interval = Bootstrap.differenceOfMeans(baseline, other, Comparison.RESAMPLES,
            Comparison.LEVEL, Comparison.SEED);
        return String.format(Locale.ROOT, "[%+.1f, %+.1f]", interval.low(), interval.high());
    }
}
