package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RolloutBufferTest {
    private static final double GAMMA = 0.9;
    private static final double LAMBDA = 0.8;

    @Test
    void shouldStopAtTerminationAndBootstrapFromLastValue() {
        final RolloutBuffer buffer = new RolloutBuffer(1, 3, 1, 1);
        fill(buffer, 0, new double[] {1.0, 2.0, 3.0}, new double[] {0.5, 1.0, 1.5});
        buffer.recordOutcome(0, 1.0, false, false, 0.0, Double.NaN);
        buffer.recordOutcome(1, 2.0, true, false, 0.0, 3.0);
        buffer.recordOutcome(2, 3.0, false, false, 0.0, Double.NaN);
        buffer.lastValues()[0] = 2.0;

        buffer.computeAdvantages(GAMMA, LAMBDA);

        // δ₂ = 3 + 0.9·2 − 1.5 = 3.3; δ₁ = 2 − 1 = 1 (terminated: no next value, no recursion);
        // A₀ = (1 + 0.9·1 − 0.5) + 0.9·0.8·1 = 2.12.
        assertArrayEquals(new double[] {2.12, 1.0, 3.3}, buffer.advantages(), 1e-12);
        assertArrayEquals(new double[] {2.62, 2.0, 4.8}, buffer.returns(), 1e-12);
    }

    @Test
    void shouldBootstrapTruncatedEpisodeFromValueOfFinalState() {
        final RolloutBuffer buffer = new RolloutBuffer(1, 3, 1, 1);
        fill(buffer, 0, new double[] {1.0, 1.0, 1.0}, new double[] {2.0, 3.0, 4.0});
        buffer.recordOutcome(0, 1.0, false, true, 10.0, 7.0);
        buffer.recordOutcome(1, 1.0, false, false, 99.0, Double.NaN);
        buffer.recordOutcome(2, 1.0, false, false, 0.0, Double.NaN);
        buffer.lastValues()[0] = 5.0;

        buffer.computeAdvantages(GAMMA, LAMBDA);

        // δ₂ = 1 + 0.9·5 − 4 = 1.5; A₁ = (1 + 0.9·4 − 3) + 0.72·1.5 = 2.68;
        // truncated: A₀ = δ₀ = 1 + 0.9·V(s_final) − 2 = 8, and A₁ does not leak into it.
        assertArrayEquals(new double[] {8.0, 2.68, 1.5}, buffer.advantages(), 1e-12);
        assertArrayEquals(new double[] {10.0, 5.68, 5.5}, buffer.returns(), 1e-12);
        assertArrayEquals(new double[] {10.0, 0.0, 0.0}, buffer.bootstrapValues(), 0.0);
    }

    @Test
    void shouldKeepEnvironmentsIndependent() {
        final RolloutBuffer buffer = new RolloutBuffer(2, 2, 1, 1);
        fill(buffer, 0, new double[] {1.0, 1.0}, new double[] {0.0, 0.0});
        fill(buffer, 1, new double[] {0.0, 0.0}, new double[] {0.0, 0.0});
        for (int row = 0; row < 4; row++) {
            buffer.recordOutcome(row, buffer.rewards()[row], false, false, 0.0, Double.NaN);
        }
        buffer.lastValues()[0] = 0.0;
        buffer.lastValues()[1] = 100.0;

        buffer.computeAdvantages(1.0, 1.0);

        // Environment 0 never sees environment 1's large last value.
        assertArrayEquals(new double[] {2.0, 1.0, 100.0, 100.0}, buffer.advantages(), 1e-12);
    }

    private static void fill(final RolloutBuffer buffer, final int env, final double[] rewards,
        final double[] values) {
        for (int t = 0; t < rewards.length; t++) {
            buffer.rewards()[buffer.row(env, t)] = rewards[t];
            buffer.values()[buffer.row(env, t)] = values[t];
        }
    }
}
