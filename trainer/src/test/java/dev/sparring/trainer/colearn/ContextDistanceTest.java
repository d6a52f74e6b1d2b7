package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContextDistanceTest {
    @Test
    void shouldScaleEachFeatureByItsSpreadAndAverageOverVaryingFeatures() {
        // Feature 0: 0, 3, 0 (σ = √2); feature 1: 0, 0, 4 (σ = 4√2/3); feature 2 constant, left out (d' = 2).
        final double[][] d = ContextDistance.normalisedEuclidean(new double[][] {{0, 0, 5}, {3, 0, 5}, {0, 4, 5}});

        // D(0,1) = √((3/√2)²/2) = 1.5; D(0,2) = √((4·3/(4√2))²/2) = 1.5; D(1,2) = √((4.5 + 4.5)/2).
        assertEquals(1.5, d[0][1], 1e-15);
        assertEquals(1.5, d[0][2], 1e-15);
        assertEquals(Math.sqrt(4.5), d[1][2], 1e-15);
        assertEquals(d[1][2], d[2][1], 0.0);
        assertEquals(0.0, d[1][1], 0.0);
    }

    @Test
    void shouldIgnoreFeatureThatDiffersOnlyByRounding() {
        final double[][] d = ContextDistance.normalisedEuclidean(new double[][] {
            {0.1 + 0.2, 1.0}, {0.3, 2.0}, {0.3, 4.0}});

        // Only feature 1 counts: values 1, 2, 4 have σ = √(14/9).
        final double sigma = Math.sqrt(14.0 / 9.0);
        assertEquals(1.0 / sigma, d[0][1], 1e-15);
        assertEquals(3.0 / sigma, d[0][2], 1e-15);
    }

    @Test
    void shouldGiveZeroDistancesWhenNothingVaries() {
        final double[][] d = ContextDistance.normalisedEuclidean(new double[][] {{1, 2}, {1, 2}});

        assertEquals(0.0, d[0][1], 0.0);
    }
}
