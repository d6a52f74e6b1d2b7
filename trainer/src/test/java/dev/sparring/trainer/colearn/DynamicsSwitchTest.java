package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The library end to end over windows of a synthetic fleet: features, distances and groups recomputed each window.
 */
class DynamicsSwitchTest {
    private static final int ROBOTS = 12;
    private static final int COUNT = 200;
    private static final int WINDOWS = 6;
    private static final int SWITCH_WINDOW = 2;
    private static final LinearGaussianContextFeatures FEATURES = new LinearGaussianContextFeatures();

    @Test
    void shouldMoveRobotWhoseDynamicsSwitchIntoItsNewGroupWithinTwoWindows() {
        // Robots 0..3 are of type 0, 4..7 of type 1, 8..11 of type 2; robot 0 becomes type 1 halfway through window w.
        final SplitMix64 random = new SplitMix64(2017);
        for (int w = 0; w < WINDOWS; w++) {
            final TransitionWindow[] windows = new TransitionWindow[ROBOTS];
            for (int i = 0; i < ROBOTS; i++) {
                final LinearGaussianSystem type = LinearGaussianSystem.TYPES[i / 4];
                if (i == 0 && w == SWITCH_WINDOW) {
                    windows[i] = type.switching(random, COUNT, COUNT / 2, LinearGaussianSystem.TYPES[1]);
                } else if (i == 0 && w > SWITCH_WINDOW) {
                    windows[i] = LinearGaussianSystem.TYPES[1].window(random, COUNT);
                } else {
                    windows[i] = type.window(random, COUNT);
                }
            }
            final double[][] distance = ContextDistance.normalisedEuclidean(
                ContextFeatures.extract(FEATURES, windows).features());

            final Clustering clustering = KMedoids.clusterBySilhouette(distance, 1, 6, w);

            final int[] groupOf = clustering.groupOf();
            for (int i = 1; i < ROBOTS; i++) {
                assertEquals(groupOf[(i / 4) * 4 + 1], groupOf[i], "window " + w + " robot " + i);
            }
            assertNotEquals(groupOf[1], groupOf[4], "window " + w);
            assertNotEquals(groupOf[4], groupOf[8], "window " + w);
            assertNotEquals(groupOf[1], groupOf[8], "window " + w);
            if (w < SWITCH_WINDOW) {
                assertEquals(groupOf[1], groupOf[0], "before the switch, window " + w);
            }
            if (w >= SWITCH_WINDOW + 2) {
                assertEquals(groupOf[4], groupOf[0], "after the switch, window " + w);
            }
        }
    }

    @Test
    void shouldCorrelateContextDistanceWithModelDivergence() {
        // The paper's fidelity check: over robot pairs, D_C should rise with m.
        final SplitMix64 random = new SplitMix64(99);
        final TransitionWindow[] windows = new TransitionWindow[ROBOTS];
        final RobotModels[] models = new RobotModels[ROBOTS];
        for (int i = 0; i < ROBOTS; i++) {
            windows[i] = LinearGaussianSystem.TYPES[i % 3].window(random, COUNT);
            models[i] = RobotModels.fit(windows[i]);
        }

        final double[] dC = Fidelity.pairs(ContextDistance.normalisedEuclidean(
            ContextFeatures.extract(FEATURES, windows).features()));
        final double[] m = Fidelity.pairs(ModelDivergence.matrix(models, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {Correspondence.identity(2, 1)}));

        final double spearman = Fidelity.spearman(m, dC);
        assertTrue(spearman > 0.7, "Spearman's ρ " + spearman);
    }
}
