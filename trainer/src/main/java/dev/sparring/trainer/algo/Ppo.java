package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.GradientClipping;
import dev.sparring.trainer.nn.Mlp;
import java.util.function.IntConsumer;

/**
 * PPO's update (Schulman et al. 2017, as CleanRL's {@code ppo_continuous_action.py}): for each epoch, a shuffled
 * pass in minibatches minimising
 * {@code mean max(−A r, −A clip(r, 1 − ε, 1 + ε)) − c_H H + c_V ½ mean (V − R)²} with {@code r = π(a|s)/π_old(a|s)},
 * one Adam step per minibatch on the joint parameter vector {@code [μ-network, log σ, value network]} after a
 * global-norm clip. The update stops before a minibatch whose approximate KL {@code mean((r − 1) − log r)} exceeds
 * the target. Rows carry weights ({@link RolloutBuffer#weights()}, 1 unless a learner sets them): each row's policy and
 * value losses are multiplied by its weight, still divided by the minibatch's row count, and the statistics are
 * weight-averaged; fleet co-learning weights other robots' tuples by their clipped importance ratio this way, as
 * Shared Experience Actor-Critic (Christianos et al. 2020) weights its shared losses. With {@code annealLearningRate} Adam's step size falls linearly over the planned updates, set before
 * each update from the learner's iteration count (so a resumed run takes the rates an uninterrupted one takes).
 *
 * <p>Each minibatch is split into contiguous shares over the runner's threads ({@link PpoShard}), each with its own
 * network copies; their gradients are added in thread order, so the result depends on the seed and the thread count
 * only. Batched forward and backward per share; nothing is allocated per update.
 */
public final class Ppo implements PolicyOptimizer {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADVANTAGE_EPSILON = 1e-8;

    private final PpoConfig config;
    private final GaussianPolicy policy;
    private final Mlp value;
    private final int batchSize;
    private final int maxRows;
    private final long iterations;
    private final int minibatchSize;
    private final int policyParameters;
    private final Adam adam;
    private final SplitMix64 rng;
    private final ParallelRunner runner;
    private final PpoShard[] shards;
    private final IntConsumer shardTask = this::computeShard;
    private final int[] permutation;
    private final double[] theta;
    private final double[] gradient;
    private final double[] shardGradient;
    private RolloutBuffer current;
    private int currentStart;
    private double advantageMean;
    private double advantageInverseStd;

    /**
     * Binds the update to a policy and value network.
     *
     * @param config    the hyperparameters.
     * @param policy    the policy, its networks' maximum batch at least the minibatch size.
     * @param value     the value network, likewise.
     * @param batchSize  the rows of a rollout.
     * @param iterations the updates the run will make, ≥ 1 (the horizon of the learning-rate annealing).
     * @param seed       the seed of the minibatch shuffling.
     * @param runner     the threads that share each minibatch (the collector's, idle during updates).
     */
    public Ppo(final PpoConfig config, final GaussianPolicy policy, final Mlp value, final int batchSize,
        final long iterations, final long seed, final ParallelRunner runner) {
        this(config, policy, value, batchSize, batchSize, iterations, seed, runner);
    }

    /**
     * Binds an update whose rollouts may be longer than its batch: {@link #update(RolloutBuffer, int,
     * IterationMetrics)} then learns from any whole number of batches of leading rows, in minibatches of one batch's
     * minibatch size, so more rows make more Adam steps rather than larger minibatches.
     *
     * @param config     the hyperparameters.
     * @param policy     the policy, its networks' maximum batch at least the minibatch size.
     * @param value      the value network, likewise.
     * @param batchSize  the rows of one batch: the minibatch size is this over {@code ppo.minibatches}.
     * @param maxRows    the most rows an update learns from, a multiple of the minibatch size.
     * @param iterations the updates the run will make, ≥ 1 (the horizon of the learning-rate annealing).
     * @param seed       the seed of the minibatch shuffling.
     * @param runner     the threads that share each minibatch.
     */
    public Ppo(final PpoConfig config, final GaussianPolicy policy, final Mlp value, final int batchSize,
        final int maxRows, final long iterations, final long seed, final ParallelRunner runner) {
        if (iterations < 1) {
            throw new IllegalArgumentException("ppo needs at least 1 planned update, was " + iterations);
        }
        this.config = config;
        this.policy = policy;
        this.value = value;
        this.batchSize = batchSize;
        this.iterations = iterations;
        this.minibatchSize = config.minibatchSize(batchSize);
        if (maxRows < batchSize || maxRows % minibatchSize != 0) {
            throw new IllegalArgumentException("an update's most rows " + maxRows + " must be at least the batch "
                + batchSize + " and a multiple of the minibatch size " + minibatchSize);
        }
        this.maxRows = maxRows;
        if (policy.mean().maxBatch() < minibatchSize || value.maxBatch() < minibatchSize) {
            throw new IllegalArgumentException("networks must take batches of the minibatch size " + minibatchSize
                + ", take " + policy.mean().maxBatch() + " and " + value.maxBatch());
        }
        this.policyParameters = policy.parameterCount();
        final int parameters = policyParameters + value.parameterCount();
        this.adam = new Adam(parameters, config.learningRate(), ADAM_BETA1, ADAM_BETA2, config.adamEpsilon());
        this.rng = new SplitMix64(seed);
        this.runner = runner;
        final int shardCount = Math.min(runner.parallelism(), minibatchSize);
        this.shards = new PpoShard[shardCount];
        for (int w = 0; w < shardCount; w++) {
            final int from = w * minibatchSize / shardCount;
            final int count = (w + 1) * minibatchSize / shardCount - from;
            shards[w] = w == 0 ? new PpoShard(policy, value, from, count)
                : new PpoShard(policy.replica(count), value.replica(count), from, count);
        }
        this.permutation = new int[maxRows];
        this.theta = new double[parameters];
        this.gradient = new double[parameters];
        this.shardGradient = new double[parameters];
    }

    @Override
    public void update(final RolloutBuffer buffer, final IterationMetrics metrics) {
        if (buffer.size() != batchSize) {
            throw new IllegalArgumentException("ppo was built for rollouts of " + batchSize + " rows, got "
                + buffer.size());
        }
        update(buffer, batchSize, metrics);
    }

    /**
     * Learns from a rollout's first {@code rows} rows: each epoch a shuffled pass over them in minibatches of the
     * batch's minibatch size.
     *
     * @param buffer  the rollout, advantages computed.
     * @param rows    how many leading rows, a positive multiple of the minibatch size, at most the update's most rows
     *                and the buffer's size.
     * @param metrics receives the update's statistics.
     */
    public void update(final RolloutBuffer buffer, final int rows, final IterationMetrics metrics) {
        if (rows <= 0 || rows > maxRows || rows > buffer.size() || rows % minibatchSize != 0) {
            throw new IllegalArgumentException("ppo learns from a positive multiple of " + minibatchSize
                + " rows up to " + Math.min(maxRows, buffer.size()) + ", was asked for " + rows);
        }
        adam.learningRate(config.learningRate(metrics.iteration() + 1, iterations));
        policy.copyParameters(theta, 0);
        System.arraycopy(value.parameters(), 0, theta, policyParameters, value.parameterCount());
        publishParameters();
        for (int i = 0; i < rows; i++) {
            permutation[i] = i;
        }
        current = buffer;
        double clipped = 0.0;
        int minibatchesDone = 0;
        boolean stopped = false;
        for (int epoch = 0; epoch < config.epochs() && !stopped; epoch++) {
            shuffle(rows);
            for (int start = 0; start < rows; start += minibatchSize) {
                advantageStatistics(buffer, start);
                currentStart = start;
                runner.run(shardTask);
                if (!collectStatistics(metrics)) {
                    stopped = true;
                    break;
                }
                clipped += metrics.clipFraction;
                minibatchesDone++;
                step();
            }
        }
        current = null;
        metrics.clipFraction = minibatchesDone == 0 ? 0.0 : clipped / minibatchesDone;
        metrics.entropy = policy.head().entropy();
        metrics.lineSearchSteps = -1;
    }

    /**
     * The optimizer over {@code [μ-network, log σ, value network]}, live (checkpoint state).
     *
     * @return the Adam instance.
     */
    public Adam adam() {
        return adam;
    }

    /**
     * The minibatch shuffling stream, live (checkpoint state).
     *
     * @return the stream.
     */
    public SplitMix64 rng() {
        return rng;
    }

    private void computeShard(final int worker) {
        if (worker < shards.length) {
            shards[worker].computeGradients(current, permutation, currentStart, minibatchSize, advantageMean,
                advantageInverseStd, config);
        }
    }

    private void shuffle(final int rows) {
        final int[] p = permutation;
        for (int i = rows - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int swap = p[i];
            p[i] = p[j];
            p[j] = swap;
        }
    }

    /**
     * The mean and inverse (sample) standard deviation of a minibatch's advantages, as CleanRL standardises them,
     * over its rows of nonzero weight (all of them unless a learner left rows empty).
     */
    private void advantageStatistics(final RolloutBuffer buffer, final int start) {
        if (!config.normalizeAdvantages()) {
            advantageMean = 0.0;
            advantageInverseStd = 1.0;
            return;
        }
        final double[] advantages = buffer.advantages();
        final double[] weights = buffer.weights();
        final int m = minibatchSize;
        double mean = 0.0;
        int rows = 0;
        for (int i = 0; i < m; i++) {
            final int row = permutation[start + i];
            if (weights[row] != 0.0) {
                mean += advantages[row];
                rows++;
            }
        }
        mean = rows == 0 ? 0.0 : mean / rows;
        double squares = 0.0;
        for (int i = 0; i < m; i++) {
            final int row = permutation[start + i];
            if (weights[row] != 0.0) {
                final double deviation = advantages[row] - mean;
                squares += deviation * deviation;
            }
        }
        final double std = rows > 1 ? Math.sqrt(squares / (rows - 1)) : 0.0;
        advantageMean = mean;
        advantageInverseStd = 1.0 / (std + ADVANTAGE_EPSILON);
    }

    /** Adds up the shards' statistics; returns whether the KL allows stepping. */
    private boolean collectStatistics(final IterationMetrics metrics) {
        double kl = 0.0;
        double policyLoss = 0.0;
        double valueLoss = 0.0;
        double clippedWeight = 0.0;
        double weight = 0.0;
        for (final PpoShard shard : shards) {
            kl += shard.klSum();
            policyLoss += shard.policyLossSum();
            valueLoss += shard.valueLossSum();
            clippedWeight += shard.clippedWeight();
            weight += shard.weightSum();
        }
        final double m = weight == 0.0 ? 1.0 : weight;
        metrics.approxKl = kl / m;
        metrics.policyLoss = policyLoss / m;
        metrics.valueLoss = 0.5 * valueLoss / m;
        metrics.clipFraction = clippedWeight / m;
        return !(metrics.approxKl > config.targetKl());
    }

    private void step() {
        shards[0].policy().copyGradients(gradient, 0);
        System.arraycopy(value.gradients(), 0, gradient, policyParameters, value.parameterCount());
        for (int w = 1; w < shards.length; w++) {
            shards[w].policy().copyGradients(shardGradient, 0);
            final double[] valueGradient = shards[w].value().gradients();
            System.arraycopy(valueGradient, 0, shardGradient, policyParameters, valueGradient.length);
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += shardGradient[k];
            }
        }
        GradientClipping.clipGlobalNorm(gradient, config.maxGradNorm());
        adam.step(theta, gradient);
        publishParameters();
    }

    private void publishParameters() {
        for (final PpoShard shard : shards) {
            shard.policy().setParameters(theta, 0);
            System.arraycopy(theta, policyParameters, shard.value().parameters(), 0, shard.value().parameterCount());
        }
    }
}
