package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImportanceWeightsTest {
    @Test
    void shouldBeOneWhenBehaviourAndTargetPolicyCoincide() {
        for (final double logProb : new double[] {-0.3, -7.5, 2.1}) {
            assertEquals(1.0, ImportanceWeights.clipped(logProb, logProb, ImportanceWeights.DEFAULT_CLIP), 0.0);
            assertEquals(1.0, ImportanceWeights.clipped(logProb, logProb, 10.0), 0.0);
        }
    }

    @Test
    void shouldGiveRatioBelowClip() {
        assertEquals(0.5, ImportanceWeights.clipped(Math.log(0.2), Math.log(0.4), 1.0), 1e-15);
        assertEquals(3.0, ImportanceWeights.clipped(Math.log(0.6), Math.log(0.2), 5.0), 1e-14);
    }

    @Test
    void shouldClipLargeRatioWithoutOverflow() {
        assertEquals(2.0, ImportanceWeights.clipped(Math.log(0.9), Math.log(0.1), 2.0), 1e-15);
        assertEquals(1.0, ImportanceWeights.clipped(500.0, -500.0, 1.0), 1e-15);
        assertEquals(1.0, ImportanceWeights.clipped(0.0, Double.NEGATIVE_INFINITY, 1.0), 1e-15);
    }

    @Test
    void shouldDropUnusableTuples() {
        assertEquals(0.0, ImportanceWeights.clipped(Double.NaN, -1.0, 1.0), 0.0);
        assertEquals(0.0, ImportanceWeights.clipped(Double.NEGATIVE_INFINITY, -1.0, 1.0), 0.0);
        assertEquals(0.0, ImportanceWeights.clipped(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ImportanceWeights.clipped(0.0, 0.0, 0.0));
    }
}
