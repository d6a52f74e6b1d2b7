package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;

import org.junit.jupiter.api.Test;

class FidelityTest {
    @Test
    void shouldComputePearsonExactly() {
        // Deviations (−2, −1, 0, 1, 2) and (−1, −2, 1, 0, 2): S_xy = 8, S_xx = S_yy = 10.
        assertEquals(0.8, Fidelity.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-15);
        assertEquals(1.0, Fidelity.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}), 0.0);
        assertEquals(-1.0, Fidelity.pearson(new double[] {1, 2, 3, 4}, new double[] {8, 6, 4, 2}), 0.0);
        assertTrue(Double.isNaN(Fidelity.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void shouldComputeSpearmanOnRanksWithTiesAtMeanRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Fidelity.ranks(new double[] {10, 20, 20, 30}), 0.0);
        assertEquals(1.0, Fidelity.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 10, 100, 1000}), 0.0);
        // Ranks (1, 2, 3, 4, 5) and (2, 1, 4, 3, 5): as Pearson's example above.
        assertEquals(0.8, Fidelity.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {20, 10, 40, 30, 50}), 1e-15);
    }

    @Test
    void shouldFlattenPairsOfMatrix() {
        assertArrayEquals(new double[] {1, 2, 3}, Fidelity.pairs(new double[][] {{0, 1, 2}, {1, 0, 3}, {2, 3, 0}}),
            0.0);
    }

    @Test
    void shouldCorrelateModelDivergenceWithContextDistanceOverRobotsOfDistinctTypes() {
        final SplitMix64 random = new SplitMix64(7);
        final TransitionWindow[] windows = new TransitionWindow[9];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = LinearGaussianSystem.TYPES[i % 3].window(random, 200);
        }
        final SharingPlan plan = SharingRound.plan(windows, new LinearGaussianContextFeatures(),
            SharingConfig.defaults(), 1L, new SplitMix64(2));
        final ContextFidelity fidelity = ContextFidelity.of(windows, plan.features().sufficientRobots(),
            plan.distance());
        assertTrue(fidelity.pearson() > 0.5 && fidelity.spearman() > 0.5, "Pearson " + fidelity.pearson()
            + ", Spearman " + fidelity.spearman());
    }
}
