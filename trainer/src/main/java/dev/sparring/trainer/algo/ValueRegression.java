package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.Mlp;
import dev.sparring.hal.random.SplitMix64;

import java.util.function.IntConsumer;

/**
 * Fits a value network to a rollout's return targets by minimising {@code ½ mean (V(s) − R)²} with Adam over
 * shuffled minibatches for a number of epochs (TRPO's critic, as Stable-Baselines3-contrib fits it). Each minibatch
 * is split over the runner's threads, each share through its own copy of the network; the shares' gradients are
 * added in shard order before the Adam step.
 */
final class ValueRegression {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final Mlp value;
    private final int epochs;
    private final int minibatchSize;
    private final Adam adam;
    private final ParallelRunner runner;
    private final Mlp[] shardValues;
    private final MinibatchRows[] shardRows;
    private final int[] shardFrom;
    private final double[][] shardDValue;
    private final double[] shardLoss;
    private final double[] gradient;
    private final int[] permutation;
    private final IntConsumer shardTask = this::computeShard;
    private RolloutBuffer current;
    private int currentStart;

    ValueRegression(final Mlp value, final double learningRate, final int epochs, final int batchSize,
        final int minibatchSize, final int observationSize, final int actionSize, final ParallelRunner runner) {
        this.value = value;
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.adam = new Adam(value.parameterCount(), learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
        this.runner = runner;
        final int shards = Math.min(runner.parallelism(), minibatchSize);
        this.shardValues = new Mlp[shards];
        this.shardRows = new MinibatchRows[shards];
        this.shardFrom = new int[shards];
        this.shardDValue = new double[shards][];
        this.shardLoss = new double[shards];
        for (int w = 0; w < shards; w++) {
            shardFrom[w] = w * minibatchSize / shards;
            final int count = (w + 1) * minibatchSize / shards - shardFrom[w];
            shardValues[w] = w == 0 ? value : value.replica(count);
            shardRows[w] = new MinibatchRows(count, observationSize, actionSize);
            shardDValue[w] = new double[count];
        }
        this.gradient = new double[value.parameterCount()];
        this.permutation = new int[batchSize];
    }

    /** Runs the regression and returns the loss of the last minibatch. */
    double fit(final RolloutBuffer buffer, final SplitMix64 rng) {
        final int n = permutation.length;
        final int m = minibatchSize;
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        publishParameters();
        current = buffer;
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                final int j = rng.nextInt(i + 1);
                final int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            for (int start = 0; start < n; start += m) {
                currentStart = start;
                runner.run(shardTask);
                System.arraycopy(shardValues[0].gradients(), 0, gradient, 0, gradient.length);
                double sum = shardLoss[0];
                for (int w = 1; w < shardValues.length; w++) {
                    final double[] g = shardValues[w].gradients();
                    for (int k = 0; k < gradient.length; k++) {
                        gradient[k] += g[k];
                    }
                    sum += shardLoss[w];
                }
                loss = 0.5 * sum / m;
                adam.step(value.parameters(), gradient);
                publishParameters();
            }
        }
        current = null;
        return loss;
    }

    private void computeShard(final int worker) {
        if (worker >= shardValues.length) {
            return;
        }
        final MinibatchRows rows = shardRows[worker];
        final Mlp network = shardValues[worker];
        final double[] dValue = shardDValue[worker];
        final int count = dValue.length;
        final int m = minibatchSize;
        rows.gather(current, permutation, currentStart + shardFrom[worker]);
        network.zeroGradients();
        final double[] v = network.forward(rows.observations(), count);
        final double[] targets = rows.returns();
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            final double error = v[i] - targets[i];
            sum += error * error;
            dValue[i] = error / m;
        }
        shardLoss[worker] = sum;
        network.backward(dValue, count);
    }

    private void publishParameters() {
        for (int w = 1; w < shardValues.length; w++) {
            shardValues[w].setParameters(value.parameters());
        }
    }

    Adam adam() {
        return adam;
    }
}
