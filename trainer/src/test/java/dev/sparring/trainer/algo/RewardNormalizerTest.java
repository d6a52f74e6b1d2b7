package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RewardNormalizerTest {
    @Test
    void shouldDivideRewardsByTheStdOfTheDiscountedReturnResetAtEpisodeEnds() {
        final RolloutBuffer buffer = new RolloutBuffer(1, 3, 1, 1);
        buffer.recordOutcome(0, 1.0, false, false, 0.0, Double.NaN);
        buffer.recordOutcome(1, 1.0, true, false, 0.0, 2.0);
        buffer.recordOutcome(2, 1.0, false, false, 0.0, Double.NaN);
        final RewardNormalizer normalizer = new RewardNormalizer(1, 3, 0.5, 10.0);

        normalizer.normalize(buffer);

        // Returns 1, 1.5 (episode ends), then 1 again: population variance of (1, 1.5, 1) is 1/18, and the
        // statistics' initial pseudo-count of 10⁻⁴ at variance 1 adds about 10⁻⁴/3.
        final double variance = normalizer.statistics().variance(0);
        assertEquals(1.0 / 18.0, variance, 1e-4);
        final double scaled = 1.0 / Math.sqrt(variance + 1e-8);
        assertArrayEquals(new double[] {scaled, scaled, scaled}, buffer.rewards(), 1e-12);
        assertEquals(1.0, normalizer.discountedReturns()[0], 0.0, "the running return carries to the next rollout");
    }
}
