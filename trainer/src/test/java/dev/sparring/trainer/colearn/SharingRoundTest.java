package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class SharingRoundTest {
    private static final LinearGaussianContextFeatures FEATURES = new LinearGaussianContextFeatures();

    @Test
    void shouldShareOnlyInsideGroupsAndLeaveOutRobotWithoutData() {
        final SplitMix64 random = new SplitMix64(10);
        final TransitionWindow[] windows = new TransitionWindow[9];
        for (int i = 0; i < 9; i++) {
            windows[i] = LinearGaussianSystem.TYPES[i % 3].window(random, i == 4 ? 3 : 150);
        }

        final SharingPlan plan = SharingRound.plan(windows, FEATURES, new SharingConfig(1, 5, 8), 1L, random);

        final int[] groupOf = plan.clustering().groupOf();
        assertEquals(3, plan.clustering().groups());
        assertEquals(-1, groupOf[4]);
        assertEquals("insufficient data: 3 tuples, need 5", plan.features().insufficient()[4]);
        assertTrue(Double.isNaN(plan.distance()[4][1]) && Double.isNaN(plan.distance()[1][4]));
        for (int a = 0; a < 9; a++) {
            for (int b = 0; b < 9; b++) {
                if (a != 4 && b != 4) {
                    assertEquals(a % 3 == b % 3, groupOf[a] == groupOf[b], a + " and " + b);
                }
                final boolean allowed = a != b && a != 4 && b != 4 && a % 3 == b % 3;
                assertTrue(allowed || !plan.partners()[a][b], a + "→" + b);
            }
        }
        // With T = 8 draws over one or two candidates, every robot with a group-mate receives from someone.
        assertTrue(plan.partners()[0][3] || plan.partners()[0][6]);
    }

    @Test
    void shouldShareNothingWhenNoWindowHasEnoughData() {
        final SplitMix64 random = new SplitMix64(11);
        final TransitionWindow[] windows = {
            LinearGaussianSystem.TYPES[0].window(random, 2), LinearGaussianSystem.TYPES[1].window(random, 4)};

        final SharingPlan plan = SharingRound.plan(windows, FEATURES, SharingConfig.defaults(), 1L, random);

        assertEquals(0, plan.clustering().groups());
        assertEquals(-1, plan.clustering().groupOf()[0]);
        assertEquals(-1, plan.clustering().groupOf()[1]);
        assertFalse(plan.partners()[0][1] || plan.partners()[1][0]);
    }

    @Test
    void shouldUseGivenNumberOfGroups() {
        final SplitMix64 random = new SplitMix64(12);
        final TransitionWindow[] windows = new TransitionWindow[6];
        for (int i = 0; i < 6; i++) {
            windows[i] = LinearGaussianSystem.TYPES[i % 3].window(random, 100);
        }

        final SharingPlan plan = SharingRound.plan(windows, FEATURES, new SharingConfig(2, 2, 1), 1L, random);

        assertEquals(2, plan.clustering().groups());
    }
}
