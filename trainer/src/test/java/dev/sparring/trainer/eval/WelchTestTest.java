package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Welch's test against scipy 1.17's {@code ttest_ind(other, baseline, equal_var=False)}, and the bootstrap. */
class WelchTestTest {
    @Test
    void shouldMatchScipysWelchTest() {
        final WelchTest test = WelchTest.compare(new double[] {2782, 2700, 3100, 2300, 3000},
            new double[] {2642, 2900, 1900, 3300, 2500});
        assertEquals(-0.47414067958303285, test.t(), 1e-12);
        assertEquals(6.561383582293284, test.df(), 1e-12);
        assertEquals(0.6507697971061527, test.p(), 1e-12);
        assertEquals(2648.4 - 2776.4, test.difference(), 1e-9);
    }

    @Test
    void shouldMatchScipyOnUnequalSampleSizes() {
        final WelchTest test = WelchTest.compare(new double[] {1000, 1100, 1200}, new double[] {1300, 1250, 1400,
            1350});
        assertEquals(3.401680257083045, test.t(), 1e-12);
        assertEquals(3.234718826405868, test.df(), 1e-12);
        assertEquals(0.03781508223836958, test.p(), 1e-12);
    }

    @Test
    void shouldBeUndefinedWhenNeitherSampleVaries() {
        final WelchTest test = WelchTest.compare(new double[] {1000, 1000}, new double[] {1000, 1000, 1000});
        assertFalse(test.defined());
        assertTrue(Double.isNaN(test.p()));
        assertEquals(0.0, test.difference(), 0.0);
    }

    @Test
    void shouldRefuseASingleSeed() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> WelchTest.compare(new double[] {1.0}, new double[] {1.0, 2.0}));
        assertEquals("Welch's t-test needs at least 2 values per sample, got 1 and 2", e.getMessage());
    }

    @Test
    void shouldBootstrapTheIntervalOfAKnownResamplingDistribution() {
        // The other sample's resampled mean is 0, ½ or 1 with probabilities ¼, ½, ¼; the baseline's is always 0.
        final Bootstrap.Interval interval = Bootstrap.differenceOfMeans(new double[] {0, 0}, new double[] {0, 1},
            10_000, 0.95, 1L);
        assertEquals(0.0, interval.low(), 0.0);
        assertEquals(1.0, interval.high(), 0.0);
        final Bootstrap.Interval middle = Bootstrap.differenceOfMeans(new double[] {0, 0}, new double[] {0, 1},
            10_000, 0.4, 1L);
        assertEquals(0.5, middle.low(), 0.0, "the central 40 % lies inside the ½ atom");
        assertEquals(0.5, middle.high(), 0.0);
    }

    @Test
    void shouldBootstrapTheSameIntervalForTheSameSeed() {
        final double[] baseline = {100, 120, 140};
        final double[] other = {150, 130, 170, 190};
        final Bootstrap.Interval once = Bootstrap.differenceOfMeans(baseline, other, 10_000, 0.95, 1L);
        assertEquals(once, Bootstrap.differenceOfMeans(baseline, other, 10_000, 0.95, 1L));
        assertTrue(once.low() < 40.0 && 40.0 < once.high(), once.toString());
        assertTrue(once.low() >= 150.0 - 140.0 - 1e-9 && once.high() <= 190.0 - 100.0 + 1e-9, once.toString());
    }
}
