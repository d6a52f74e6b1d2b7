package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statistics against exact answers (scipy 1.17's {@code ttest_ind(b, a, equal_var=False)} for Welch's t). */
class StatisticsTest {
    private static final double[] A = {1, 2, 3, 4};
    private static final double[] B = {2, 4, 6, 8, 10};

    @Test
    void shouldGiveThePopulationStdAndTheUnbiasedVariance() {
        assertEquals(2.5, Statistics.mean(A), 1e-15);
        assertEquals(Math.sqrt(1.25), Statistics.std(A), 1e-15);
        assertEquals(5.0 / 3.0, Statistics.sampleVariance(A), 1e-14);
        assertEquals(10.0, Statistics.sampleVariance(B), 1e-14);
    }

    @Test
    void shouldGiveWelchsTAndDegreesOfFreedomAsScipy() {
        assertEquals(2.2514363231593695, Statistics.welchT(A, B), 1e-12);
        assertEquals(-2.2514363231593695, Statistics.welchT(B, A), 1e-12);
        assertEquals(5.520787746170677, Statistics.welchDegreesOfFreedom(A, B), 1e-12);
    }

    @Test
    void shouldGiveNoTForASingleSeedOrNoSpread() {
        assertTrue(Double.isNaN(Statistics.welchT(new double[] {3.0}, B)));
        assertTrue(Double.isNaN(Statistics.welchDegreesOfFreedom(A, new double[] {3.0})));
        assertTrue(Double.isNaN(Statistics.welchT(new double[] {1, 1}, new double[] {2, 2})));
    }

    @Test
    void shouldFormatASingleSeedWithoutASpread() {
        assertEquals("2782.0 ± 490.4", Statistics.formatMeanStd(2782.0, 490.44, 5));
        assertEquals("445.3", Statistics.formatMeanStd(445.3, 0.0, 1));
    }
}
