package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void shouldTakePercentilesAsNumpyDoes() {
        assertEquals(1.75, Statistics.percentile(new double[] {3, 1, 4, 2}, 25.0), 1e-15);
        assertEquals(5.0, Statistics.percentile(new double[] {5}, 50.0), 0.0);
        assertEquals(9.1, Statistics.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90.0), 1e-12);
        assertEquals(4.0, Statistics.percentile(new double[] {3, 1, 4, 2}, 100.0), 0.0);
    }

    @Test
    void shouldTakeTheUnbiasedSampleVariance() {
        assertEquals(400.0, Statistics.sampleVariance(new double[] {100, 120, 140}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Statistics.sampleVariance(new double[] {1.0}));
    }

    @Test
    void shouldPrintOneSeedWithoutASpread() {
        assertEquals("12.3 (1 seed)", Statistics.meanAndSpread(new double[] {12.34}));
        assertEquals("120.0 ± 16.3", Statistics.meanAndSpread(new double[] {100, 120, 140}));
        assertEquals("7.0 ± 0.0", Statistics.meanAndSpread(new double[] {7, 7}), "two equal seeds do have a spread");
    }
}
