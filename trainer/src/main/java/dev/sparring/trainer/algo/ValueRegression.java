package dev.sparring.trainer.algo;

import dev.sparring.trainer.random.SplitMix64;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.Mlp;

/**
 * Fits a value network to a rollout's return targets by minimising {@code ½ mean (V(s) − R)²} with Adam over
 * shuffled minibatches for a number of epochs (TRPO's critic, as Stable-Baselines3-contrib fits it).
 */
final class ValueRegression {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final Mlp value;
    private final int epochs;
    private final int minibatchSize;
    private final Adam adam;
    private final MinibatchRows rows;
    private final int[] permutation;
    private final double[] dValue;

    ValueRegression(final Mlp value, final double learningRate, final int epochs, final int batchSize,
        final int minibatchSize, final int observationSize, final int actionSize) {
        this.value = value;
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.adam = new Adam(value.parameterCount(), learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
        this.rows = new MinibatchRows(minibatchSize, observationSize, actionSize);
        this.permutation = new int[batchSize];
        this.dValue = new double[minibatchSize];
    }

    /** Runs the regression and returns the loss of the last minibatch. */
    double fit(final RolloutBuffer buffer, final SplitMix64 rng) {
        final int n = permutation.length;
        final int m = minibatchSize;
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                final int j = rng.nextInt(i + 1);
                final int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            for (int start = 0; start < n; start += m) {
                rows.gather(buffer, permutation, start);
                value.zeroGradients();
                final double[] v = value.forward(rows.observations(), m);
                final double[] targets = rows.returns();
                double sum = 0.0;
                for (int i = 0; i < m; i++) {
                    final double error = v[i] - targets[i];
                    sum += error * error;
                    dValue[i] = error / m;
                }
                loss = 0.5 * sum / m;
                value.backward(dValue, m);
                adam.step(value.parameters(), value.gradients());
            }
        }
        return loss;
    }

    Adam adam() {
        return adam;
    }
}
