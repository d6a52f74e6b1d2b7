package dev.sparring.trainer.algo;

import dev.sparring.trainer.random.SplitMix64;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;

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
 * Nothing is allocated per update.
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
    private final double[] oldParameters;
    private final double[] oldMean;
    private final double[] oldLogStd;
    private final double[] advantages;
    private final double[] logProb;
    private final double[] dLogProb;
    private final double[] policyGradient;
    private final double[] stepDirection;
    private final double[] fisherProduct;
    private final double[] candidate;
    private final double[] scaledTangent;

    /**
     * Binds the update to a policy and value network.
     *
     * @param config    the hyperparameters.
     * @param policy    the policy, its networks' maximum batch at least the rollout size.
     * @param value     the value network, its maximum batch at least the value minibatch size.
     * @param batchSize the rows of a rollout.
     * @param seed      the seed of the value regression's shuffling.
     */
    public Trpo(final TrpoConfig config, final GaussianPolicy policy, final Mlp value, final int batchSize,
        final long seed) {
        final int valueMinibatch = config.valueMinibatchSize(batchSize);
        if (policy.mean().maxBatch() < batchSize || value.maxBatch() < valueMinibatch) {
            throw new IllegalArgumentException("trpo needs a policy network taking the whole rollout of " + batchSize
                + " rows and a value network taking " + valueMinibatch + ", they take " + policy.mean().maxBatch()
                + " and " + value.maxBatch());
        }
        this.config = config;
        this.policy = policy;
        this.batchSize = batchSize;
        this.parameterCount = policy.parameterCount();
        this.meanParameterCount = policy.mean().parameterCount();
        this.actionSize = policy.actionSize();
        this.valueRegression = new ValueRegression(value, config.valueLearningRate(), config.valueEpochs(),
            batchSize, valueMinibatch, policy.observationSize(), actionSize);
        this.conjugateGradient = new ConjugateGradient(parameterCount);
        this.rng = new SplitMix64(seed);
        this.oldParameters = new double[parameterCount];
        this.oldMean = new double[batchSize * actionSize];
        this.oldLogStd = new double[actionSize];
        this.advantages = new double[batchSize];
        this.logProb = new double[batchSize];
        this.dLogProb = new double[batchSize];
        this.policyGradient = new double[parameterCount];
        this.stepDirection = new double[parameterCount];
        this.fisherProduct = new double[parameterCount];
        this.candidate = new double[parameterCount];
        this.scaledTangent = new double[batchSize * actionSize];
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
            metrics.lineSearchSteps = lineSearch(buffer, oldSurrogate, Math.sqrt(2.0 * config.deltaKl() / curvature),
                metrics);
        } else {
            metrics.lineSearchSteps = keepOldParameters(oldSurrogate, metrics);
        }
        metrics.valueLoss = valueRegression.fit(buffer, rng);
        metrics.entropy = policy.head().entropy();
        metrics.clipFraction = Double.NaN;
        metrics.updateEpochs = config.valueEpochs();
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
     * Computes {@code (F + damping·I) v} at the parameters of the last full-rollout forward of the policy mean
     * network (the old policy, during an update).
     *
     * @param v      a direction in {@code [μ-network, log σ]} parameter space.
     * @param result receives the product.
     */
    void fisherVectorProduct(final double[] v, final double[] result) {
        final Mlp network = policy.mean();
        final int n = batchSize;
        final int d = actionSize;
        final double[] logStd = policy.head().logStd();
        final double[] tangent = network.jacobianVectorProduct(v, n);
        for (int i = 0; i < d; i++) {
            final double inverseVariance = Math.exp(-2.0 * logStd[i]) / n;
            for (int s = 0; s < n; s++) {
                scaledTangent[s * d + i] = tangent[s * d + i] * inverseVariance;
            }
        }
        network.zeroGradients();
        network.backward(scaledTangent, n);
        final double[] jtu = network.gradients();
        final double damping = config.cgDamping();
        for (int k = 0; k < meanParameterCount; k++) {
            result[k] = jtu[k] + damping * v[k];
        }
        for (int i = 0; i < d; i++) {
            final int k = meanParameterCount + i;
            result[k] = (2.0 + damping) * v[k];
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
     * Forwards the old policy over the rollout (leaving its activations for the Fisher-vector products), saves
     * θ_old, μ_old and log σ_old, writes {@code g = ∇L} and returns {@code L(θ_old)}.
     */
    private double surrogateGradient(final RolloutBuffer buffer) {
        final int n = batchSize;
        final DiagonalGaussian head = policy.head();
        policy.copyParameters(oldParameters, 0);
        System.arraycopy(head.logStd(), 0, oldLogStd, 0, actionSize);
        policy.zeroGradients();
        final double[] mu = policy.mean().forward(buffer.observations(), n);
        System.arraycopy(mu, 0, oldMean, 0, n * actionSize);
        head.logLikelihood(mu, buffer.actions(), n, logProb);
        final double[] collectedLogProb = buffer.logProbs();
        double surrogate = 0.0;
        for (int s = 0; s < n; s++) {
            final double ratio = Math.exp(logProb[s] - collectedLogProb[s]);
            surrogate += ratio * advantages[s];
            dLogProb[s] = ratio * advantages[s] / n;
        }
        policy.mean().backward(head.backwardLogLikelihood(mu, buffer.actions(), dLogProb, n), n);
        policy.copyGradients(policyGradient, 0);
        return surrogate / n;
    }

    /** Tries shrinking steps; returns the accepted step's index, or −1 after restoring θ_old. */
    private int lineSearch(final RolloutBuffer buffer, final double oldSurrogate, final double maxStep,
        final IterationMetrics metrics) {
        final int n = batchSize;
        final int d = actionSize;
        final DiagonalGaussian head = policy.head();
        double fraction = 1.0;
        for (int k = 0; k < config.lineSearchSteps(); k++) {
            final double size = maxStep * fraction;
            for (int i = 0; i < parameterCount; i++) {
                candidate[i] = oldParameters[i] + size * stepDirection[i];
            }
            policy.setParameters(candidate, 0);
            final double[] mu = policy.mean().forward(buffer.observations(), n);
            head.logLikelihood(mu, buffer.actions(), n, logProb);
            final double[] collectedLogProb = buffer.logProbs();
            double surrogate = 0.0;
            double kl = 0.0;
            for (int s = 0; s < n; s++) {
                surrogate += Math.exp(logProb[s] - collectedLogProb[s]) * advantages[s];
                kl += DiagonalGaussian.kl(oldMean, oldLogStd, mu, head.logStd(), s * d, d);
            }
            surrogate /= n;
            kl /= n;
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
