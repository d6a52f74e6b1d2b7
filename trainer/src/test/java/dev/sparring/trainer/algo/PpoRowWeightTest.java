package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.nn.Mlp;

import org.junit.jupiter.api.Test;

/**
 * PPO's per-row loss weights ({@link RolloutBuffer#weights()}): the gradient of a row is scaled by its weight, a row
 * of weight 0 contributes nothing, and weights of 1 leave the update as it was.
 */
final class PpoRowWeightTest {
    private static final int OBSERVATIONS = 3;
    private static final int ACTIONS = 2;
    private static final int ROWS = 8;
    private static final PpoConfig CONFIG = new PpoConfig(0.99, 0.95, 1, 1, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
        Double.POSITIVE_INFINITY, true, false);

    @Test
    void shouldScaleEachRowsGradientByItsWeight() {
        final RolloutBuffer buffer = filledBuffer(ROWS);
        final double[] unweighted = gradient(buffer, ROWS);
        final double[] weights = buffer.weights();
        for (int row = 0; row < ROWS; row++) {
            weights[row] = 0.5;
        }
        final double[] halved = gradient(buffer, ROWS);
        for (int k = 0; k < unweighted.length; k++) {
            assertEquals(0.5 * unweighted[k], halved[k], 1e-12 * (1.0 + Math.abs(unweighted[k])), "parameter " + k);
        }
    }

    @Test
    void shouldIgnoreRowsOfWeightZero() {
        final RolloutBuffer own = filledBuffer(ROWS);
        final RolloutBuffer padded = filledBuffer(2 * ROWS);
        for (int row = ROWS; row < 2 * ROWS; row++) {
            padded.weights()[row] = 0.0;
            padded.advantages()[row] = 1e6;
        }
        final double[] ownGradient = gradient(own, ROWS);
        final double[] paddedGradient = gradient(padded, 2 * ROWS);
        for (int k = 0; k < ownGradient.length; k++) {
            // the same rows, the same standardised advantages; the loss is divided by twice the row count
            assertEquals(ownGradient[k], 2.0 * paddedGradient[k], 1e-12 * (1.0 + Math.abs(ownGradient[k])),
                "parameter " + k);
        }
    }

    @Test
    void shouldLeaveTheUpdateUnchangedWithWeightsOfOne() {
        final RolloutBuffer buffer = filledBuffer(ROWS);
        final double[] before = gradient(buffer, ROWS);
        final double[] weights = buffer.weights();
        for (int row = 0; row < ROWS; row++) {
            assertEquals(1.0, weights[row], "weights default to 1");
        }
        assertArrayEquals(before, gradient(buffer, ROWS));
    }

    /** The policy and value gradients of one minibatch over all rows, in row order, from fixed networks. */
    private static double[] gradient(final RolloutBuffer buffer, final int rows) {
        final GaussianPolicy policy = GaussianPolicy.create(OBSERVATIONS, ACTIONS, new int[] {8}, new double[] {1, 1},
            10.0, rows, 7);
        final Mlp value = Networks.value(OBSERVATIONS, new int[] {8}, rows, 8);
        final PpoShard shard = new PpoShard(policy, value, 0, rows);
        final int[] order = new int[rows];
        double mean = 0.0;
        int counted = 0;
        for (int i = 0; i < rows; i++) {
            order[i] = i;
            if (buffer.weights()[i] != 0.0) {
                mean += buffer.advantages()[i];
                counted++;
            }
        }
        mean /= counted;
        shard.computeGradients(buffer, order, 0, rows, mean, 0.5, CONFIG);
        final double[] gradient = new double[policy.parameterCount() + value.parameterCount()];
        policy.copyGradients(gradient, 0);
        System.arraycopy(value.gradients(), 0, gradient, policy.parameterCount(), value.parameterCount());
        return gradient;
    }

    /** Rows hold the same pseudo-random values whatever the buffer's size (also {@link PpoLeadingRowsTest}'s). */
    static RolloutBuffer filledBuffer(final int rows) {
        final RolloutBuffer buffer = new RolloutBuffer(1, rows, OBSERVATIONS, ACTIONS);
        final SplitMix64 random = new SplitMix64(11);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < OBSERVATIONS; i++) {
                buffer.observations()[row * OBSERVATIONS + i] = random.nextDouble() * 2 - 1;
            }
            for (int i = 0; i < ACTIONS; i++) {
                buffer.actions()[row * ACTIONS + i] = random.nextDouble() * 2 - 1;
            }
            buffer.logProbs()[row] = -1.5 - random.nextDouble();
            buffer.advantages()[row] = random.nextDouble() * 4 - 2;
            buffer.returns()[row] = random.nextDouble() * 4 - 2;
            buffer.values()[row] = random.nextDouble() * 4 - 2;
        }
        return buffer;
    }
}
