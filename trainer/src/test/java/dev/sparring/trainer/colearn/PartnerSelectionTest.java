package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class PartnerSelectionTest {
    @Test
    void shouldGiveBinomialProbabilityOfAtLeastOneDrawOfSoftmax() {
        // Robots 0, 1, 2 in group 0; D01 = 0, D02 = ln 3, D12 = ln 2. Robot 3 alone in group 1; robot 4 left out.
        final double ln2 = Math.log(2.0);
        final double ln3 = Math.log(3.0);
        final double[][] distance = {
            {0, 0, ln3, 1, 1},
            {0, 0, ln2, 1, 0},
            {ln3, ln2, 0, 1, 1},
            {1, 1, 1, 0, 1},
            {1, 0, 1, 1, 0},
        };
        final int[] groupOf = {0, 0, 0, 1, -1};

        final double[][] p = PartnerSelection.probabilities(distance, groupOf, 2);

        // p_0 = (·, 3/4, 1/4): P = 1 − (1/4)², 1 − (3/4)².
        assertEquals(1.0 - 0.0625, p[0][1], 1e-15);
        assertEquals(1.0 - 0.5625, p[0][2], 1e-15);
        // p_1 = (2/3, ·, 1/3); p_2 = (2/5, 3/5, ·).
        assertEquals(1.0 - 1.0 / 9.0, p[1][0], 1e-15);
        assertEquals(1.0 - 4.0 / 9.0, p[1][2], 1e-15);
        assertEquals(1.0 - 0.36, p[2][0], 1e-15);
        assertEquals(1.0 - 0.16, p[2][1], 1e-15);
        for (int a = 0; a < 5; a++) {
            assertEquals(0.0, p[a][a], 0.0);
            assertEquals(0.0, p[a][3], 0.0);
            assertEquals(0.0, p[a][4], 0.0);
            assertEquals(0.0, p[3][a], 0.0);
            assertEquals(0.0, p[4][a], 0.0);
        }
    }

    @Test
    void shouldGiveSoftmaxItselfForOneDraw() {
        final double[][] distance = randomDistances(6, new SplitMix64(5));

        final double[][] p = PartnerSelection.probabilities(distance, new int[6], 1);

        for (int a = 0; a < 6; a++) {
            double sum = 0.0;
            for (int b = 0; b < 6; b++) {
                sum += p[a][b];
            }
            assertEquals(1.0, sum, 1e-15);
        }
    }

    @Test
    void shouldDrawPartnersWithFrequenciesOfP() {
        final int n = 8;
        final double[][] distance = randomDistances(n, new SplitMix64(6));
        final int[] groupOf = {0, 1, 0, 0, 1, 0, 1, -1};
        final int temperature = 3;
        final double[][] p = PartnerSelection.probabilities(distance, groupOf, temperature);

        final SplitMix64 random = new SplitMix64(42);
        final boolean[][] partners = new boolean[n][n];
        final int rounds = 20_000;
        final int[][] counts = new int[n][n];
        for (int round = 0; round < rounds; round++) {
            PartnerSelection.draw(distance, groupOf, temperature, random, partners);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (partners[a][b]) {
                        counts[a][b]++;
                    }
                }
            }
        }

        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                final double frequency = counts[a][b] / (double) rounds;
                // A binomial bound at 4.5 standard deviations: all 64 pairs pass together with probability > 0.9995.
                final double bound = 4.5 * Math.sqrt(p[a][b] * (1.0 - p[a][b]) / rounds);
                assertEquals(p[a][b], frequency, bound, "pair " + a + "→" + b);
            }
        }
        assertEquals(0, counts[0][1]);
        assertEquals(0, counts[7][7] + counts[0][7] + counts[7][0]);
        assertTrue(counts[0][2] > 0);
    }

    @Test
    void shouldClearRowBeforeDrawing() {
        final boolean[][] partners = {{true, true}, {true, true}};

        PartnerSelection.draw(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 1}, 4, new SplitMix64(1), partners);

        assertFalse(partners[0][0] || partners[0][1] || partners[1][0] || partners[1][1]);
    }

    private static double[][] randomDistances(final int n, final SplitMix64 random) {
        final double[][] distance = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                distance[a][b] = random.uniform(0.0, 2.0);
                distance[b][a] = distance[a][b];
            }
        }
        return distance;
    }
}
