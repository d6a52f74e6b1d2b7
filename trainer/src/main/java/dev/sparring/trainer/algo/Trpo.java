package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.Mlp;

import java.util.function.IntConsumer;

/**
 * TRPO's update (Schulman et al. 2015; the optimizer the RARL paper used): maximise the surrogate
 * {@code L(θ) = mean(π_θ(a|s)/π_old(a|s) · A)} subject to {@code mean KL(π_old ‖ π_θ) ≤ δ}.
 * <ol>
 *   <li>the policy gradient {@code g = ∇L} at θ_old over the whole rollout;</li>
 *   <li>the natural direction {@code s ≈ (F + damping·I)⁻¹ g} by conjugate gradient, with the Fisher matrix of the
 *       Gaussian applied analytically: {@code F = [mean_s J_sᵀ diag(σ⁻²) J_s, 0; 0, 2I]} over
 *       {@code [μ-network, log σ]}, {@code J_s v} by forward-mode differentiation and {@code J_sᵀ u} by
 *       backpropagation;</li>
 *   <li>the largest step {@code β s}, {@code β = √(2δ / sᵀ(F + damping·I)s)}, then a backtracking line search that
 *       accepts the first size whose surrogate improves on L(θ_old) and whose exact mean KL is ≤ δ, and restores
 *       θ_old when none does;</li>
 *   <li>the value network fitted to the return targets by regression.</li>
 * </ol>
 * The rollout is split into contiguous shares over the runner's threads ({@link TrpoShard}), each with its own copy
 * of the policy; gradients, Fisher-vector products and line-search sums are added up in shard order. Nothing is
 * allocated per update.
 */
public final class Trpo implements PolicyOptimizer {
    private static final double ADVANTAGE_EPSILON = 1e-8;
    private static final double CG_RESIDUAL_TOLERANCE = 1e-10;

    private final TrpoConfig config;
    private final GaussianPolicy policy;
    private final int batchSize;
    private final int parameterCount;
    private final int meanParameterCount;
    private final int actionSize;
    private final ValueRegression valueRegression;
    private final ConjugateGradient conjugateGradient;
    private final ConjugateGradient.LinearOperator fisher = this::fisherVectorProduct;
    private final SplitMix64 rng;
    private final ParallelRunner runner;
    private final TrpoShard[] shards;
    private final IntConsumer surrogateTask = this::surrogateShard;
    private final IntConsumer fisherTask = this::fisherShard;
    private final IntConsumer evaluateTask = this::evaluateShard;
    private final double[] oldParameters;
    private final double[] oldLogStd;
    private final double[] advantages;
    private final double[] policyGradient;
    private final double[] shardGradient;
    private final double[] stepDirection;
    private final double[] fisherProduct;
    private final double[] candidate;
    private double[] fisherDirection;

    /**
     * Binds the update to a policy and value network.
     *
     * @param config    the hyperparameters.
     * @param policy    the policy, its networks' maximum batch at least the rollout size.
     * @param value     the value network, its maximum batch at least the value minibatch size.
     * @param batchSize the rows of a rollout.
     * @param seed      the seed of the value regression's shuffling.
     * @param runner    the threads that share the rollout (the collector's, idle during updates).
     */
    public Trpo(final TrpoConfig config, final GaussianPolicy policy, final Mlp value, final int batchSize,
        final long seed, final ParallelRunner runner) {
        final int valueMinibatch = config.valueMinibatchSize(batchSize);
        if (value.maxBatch() < valueMinibatch) {
            throw new IllegalArgumentException("trpo needs a value network taking " + valueMinibatch + " rows, it "
                + "takes " + value.maxBatch());
        }
        this.config = config;
        this.policy = policy;
        this.batchSize = batchSize;
        this.parameterCount = policy.parameterCount();
        this.meanParameterCount = policy.mean().parameterCount();
        this.actionSize = policy.actionSize();
        this.valueRegression = new ValueRegression(value, config.valueLearningRate(), config.valueEpochs(),
            batchSize, valueMinibatch, policy.observationSize(), actionSize, runner);
        this.conjugateGradient = new ConjugateGradient(parameterCount);
        this.rng = new SplitMix64(seed);
        this.runner = runner;
        final int shardCount = Math.min(runner.parallelism(), batchSize);
        this.shards = new TrpoShard[shardCount];
        for (int w = 0; w < shardCount; w++) {
            final int from = w * batchSize / shardCount;
            shards[w] = new TrpoShard(policy, from, (w + 1) * batchSize / shardCount - from);
        }
        this.oldParameters = new double[parameterCount];
        this.oldLogStd = new double[actionSize];
        this.advantages = new double[batchSize];
        this.policyGradient = new double[parameterCount];
        this.shardGradient = new double[parameterCount];
        this.stepDirection = new double[parameterCount];
        this.fisherProduct = new double[parameterCount];
        this.candidate = new double[parameterCount];
    }

    @Override
    public void update(final RolloutBuffer buffer, final IterationMetrics metrics) {
        if (buffer.size() != batchSize) {
            throw new IllegalArgumentException("trpo was built for rollouts of " + batchSize + " rows, got "
                + buffer.size());
        }
        prepareAdvantages(buffer);
        final double oldSurrogate = surrogateGradient(buffer);
        conjugateGradient.solve(fisher, policyGradient, stepDirection, config.cgIterations(), CG_RESIDUAL_TOLERANCE);
        fisherVectorProduct(stepDirection, fisherProduct);
        final double curvature = ConjugateGradient.dot(stepDirection, fisherProduct);
        if (curvature > 0.0) {
            metrics.lineSearchSteps = lineSearch(oldSurrogate, Math.sqrt(2.0 * config.deltaKl() / curvature), metrics);
        } else {
            metrics.lineSearchSteps = keepOldParameters(oldSurrogate, metrics);
        }
        metrics.valueLoss = valueRegression.fit(buffer, rng);
        metrics.entropy = policy.head().entropy();
        metrics.clipFraction = Double.NaN;
    }

    /**
     * The value regression's optimizer, live (checkpoint state).
     *
     * @return the Adam instance.
     */
    public Adam valueAdam() {
        return valueRegression.adam();
    }

    /**
     * The value regression's shuffling stream, live (checkpoint state).
     *
     * @return the stream.
     */
    public SplitMix64 rng() {
        return rng;
    }

    /**
     * Takes the policy's current parameters as θ_old over a batch of observations, for {@link #fisherVectorProduct}
     * on its own (tests).
     *
     * @param observations row-major standardised observations, the rollout's row count.
     */
    void linearizeAt(final double[] observations) {
        for (final TrpoShard shard : shards) {
            shard.loadObservations(observations);
            shard.forwardOld(policy);
        }
    }

    /**
     * Computes {@code (F + damping·I) v} at θ_old over the rows the shards last forwarded (during an update, the
     * rollout).
     *
     * @param v      a direction in {@code [μ-network, log σ]} parameter space.
     * @param result receives the product.
     */
    void fisherVectorProduct(final double[] v, final double[] result) {
        fisherDirection = v;
        runner.run(fisherTask);
        fisherDirection = null;
        System.arraycopy(shards[0].policy().mean().gradients(), 0, result, 0, meanParameterCount);
        for (int w = 1; w < shards.length; w++) {
            final double[] g = shards[w].policy().mean().gradients();
            for (int k = 0; k < meanParameterCount; k++) {
                result[k] += g[k];
            }
        }
        final double damping = config.cgDamping();
        for (int k = 0; k < meanParameterCount; k++) {
            result[k] += damping * v[k];
        }
        for (int i = 0; i < actionSize; i++) {
            final int k = meanParameterCount + i;
            result[k] = (2.0 + damping) * v[k];
        }
    }

    private void fisherShard(final int worker) {
        if (worker < shards.length) {
            shards[worker].fisherProduct(fisherDirection, batchSize);
        }
    }

    private void surrogateShard(final int worker) {
        if (worker < shards.length) {
            shards[worker].forwardOld(policy);
            shards[worker].surrogateGradient(batchSize);
        }
    }

    private void evaluateShard(final int worker) {
        if (worker < shards.length) {
            shards[worker].evaluate(policy, oldLogStd);
        }
    }

    private void prepareAdvantages(final RolloutBuffer buffer) {
        final double[] source = buffer.advantages();
        System.arraycopy(source, 0, advantages, 0, batchSize);
        if (!config.normalizeAdvantages()) {
            return;
        }
        double mean = 0.0;
        for (int i = 0; i < batchSize; i++) {
            mean += advantages[i];
        }
        mean /= batchSize;
        double squares = 0.0;
        for (int i = 0; i < batchSize; i++) {
            squares += (advantages[i] - mean) * (advantages[i] - mean);
        }
        final double inverse = 1.0 / (Math.sqrt(squares / Math.max(1, batchSize - 1)) + ADVANTAGE_EPSILON);
        for (int i = 0; i < batchSize; i++) {
            advantages[i] = (advantages[i] - mean) * inverse;
        }
    }

    /**
     * Forwards the old policy over the rollout in the shards (leaving their activations for the Fisher-vector
     * products), saves θ_old and log σ_old, writes {@code g = ∇L} and returns {@code L(θ_old)}.
     */
    private double surrogateGradient(final RolloutBuffer buffer) {
        policy.copyParameters(oldParameters, 0);
        System.arraycopy(policy.head().logStd(), 0, oldLogStd, 0, actionSize);
        for (final TrpoShard shard : shards) {
            shard.load(buffer, advantages);
        }
        runner.run(surrogateTask);
        double surrogate = 0.0;
        shards[0].policy().copyGradients(policyGradient, 0);
        surrogate += shards[0].surrogateSum();
        for (int w = 1; w < shards.length; w++) {
            shards[w].policy().copyGradients(shardGradient, 0);
            for (int k = 0; k < parameterCount; k++) {
                policyGradient[k] += shardGradient[k];
            }
            surrogate += shards[w].surrogateSum();
        }
        return surrogate / batchSize;
    }

    /** Tries shrinking steps; returns the accepted step's index, or −1 after restoring θ_old. */
    private int lineSearch(final double oldSurrogate, final double maxStep, final IterationMetrics metrics) {
        double fraction = 1.0;
        for (int k = 0; k < config.lineSearchSteps(); k++) {
            final double size = maxStep * fraction;
            for (int i = 0; i < parameterCount; i++) {
                candidate[i] = oldParameters[i] + size * stepDirection[i];
            }
            policy.setParameters(candidate, 0);
            runner.run(evaluateTask);
            double surrogate = 0.0;
            double kl = 0.0;
            for (final TrpoShard shard : shards) {
                surrogate += shard.surrogateSum();
                kl += shard.klSum();
            }
            surrogate /= batchSize;
            kl /= batchSize;
            if (kl <= config.deltaKl() && surrogate > oldSurrogate) {
                metrics.approxKl = kl;
                metrics.policyLoss = -surrogate;
                return k;
            }
            fraction *= config.lineSearchShrink();
        }
        return keepOldParameters(oldSurrogate, metrics);
    }

    /** Restores θ_old after a failed search (or when the gradient vanished) and returns −1. */
    private int keepOldParameters(final double oldSurrogate, final IterationMetrics metrics) {
        policy.setParameters(oldParameters, 0);
        metrics.approxKl = 0.0;
        metrics.policyLoss = -oldSurrogate;
        return -1;
    }
}
