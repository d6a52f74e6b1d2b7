package dev.sparring.trainer.colearn.taskalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparring.hal.random.SplitMix64;

import org.junit.jupiter.api.Test;

/** Q-learning's update and softmax exploration against hand-computed values. */
class QLearningTest {
    @Test
    void shouldUpdateTowardsRewardPlusDiscountedBestValidNextValue() {
        // Agent 0 of a 1 × 2 grid may process (LOCAL) or forward EAST only.
        final QLearning learner = new QLearning(new GridNetwork(1, 2), 0.5, 0.5, 1.0, new SplitMix64(1L));
        learner.update(0, 3, GridNetwork.LOCAL, -4.0, 7);
        assertEquals(-2.0, learner.q(0, 3, GridNetwork.LOCAL), 0.0); // 0 + ½(−4 + ½·0 − 0)
        learner.update(0, 7, GridNetwork.EAST, -10.0, 9);
        learner.update(0, 7, GridNetwork.LOCAL, -2.0, 9);
        learner.update(0, 7, GridNetwork.NORTH, 8.0, 9); // invalid for agent 0: never the max
        assertEquals(-5.0, learner.q(0, 7, GridNetwork.EAST), 0.0);
        assertEquals(-1.0, learner.q(0, 7, GridNetwork.LOCAL), 0.0);
        learner.update(0, 3, GridNetwork.LOCAL, -4.0, 7);
        assertEquals(-3.25, learner.q(0, 3, GridNetwork.LOCAL), 1e-15); // −2 + ½(−4 + ½·(−1) + 2)
        assertEquals(0.0, learner.q(1, 3, GridNetwork.LOCAL), 0.0); // other agents' tables untouched
    }

    @Test
    void shouldGiveBoltzmannProbabilitiesOverValidActions() {
        final double[] q = {9.0, 1.0, 2.0, 0.0, -1.0, 0.0};
        final double[] p = new double[5];
        Softmax.probabilities(q, 1, 5, 0b00111, 1.0, p);
        final double z = Math.exp(-1.0) + 1.0 + Math.exp(-2.0);
        assertArrayEquals(new double[] {Math.exp(-1.0) / z, 1.0 / z, Math.exp(-2.0) / z, 0.0, 0.0}, p, 1e-15);
        Softmax.probabilities(q, 1, 5, 0b00011, 0.5, p);
        assertEquals(1.0 / (1.0 + Math.exp(-2.0)), p[1], 1e-15);
        assertEquals(0, Softmax.sample(p, 5, 0.0));
        assertEquals(1, Softmax.sample(p, 5, 0.2));
        assertEquals(1, Softmax.sample(p, 5, 0.999_999_999_999));
    }
}
