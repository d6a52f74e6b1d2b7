package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;

/**
 * One thread's contiguous share of a TRPO rollout: its rows copied into its own arrays and its own copy of the
 * policy, forwarded at θ_old, so the surrogate gradient, the Fisher-vector products of conjugate gradient and the line
 * search's evaluations run on both cores. Each pass leaves partial sums (and gradients in the copy's networks) that
 * {@link Trpo} adds up in shard order, so an update is deterministic for a given number of shards.
 */
final class TrpoShard {
    private final GaussianPolicy policy;
    private final int from;
    private final int count;
    private final int observationSize;
    private final int actionSize;
    private final double[] observations;
    private final double[] actions;
    private final double[] collectedLogProb;
    private final double[] advantages;
    private final double[] oldMean;
    private final double[] logProb;
    private final double[] dLogProb;
    private final double[] scaledTangent;
    private double surrogateSum;
    private double klSum;

    TrpoShard(final GaussianPolicy source, final int from, final int count) {
        this.policy = source.replica(count);
        this.from = from;
        this.count = count;
        this.observationSize = source.observationSize();
        this.actionSize = source.actionSize();
        this.observations = new double[count * observationSize];
        this.actions = new double[count * actionSize];
        this.collectedLogProb = new double[count];
        this.advantages = new double[count];
        this.oldMean = new double[count * actionSize];
        this.logProb = new double[count];
        this.dLogProb = new double[count];
        this.scaledTangent = new double[count * actionSize];
    }

    /** Copies this shard's rows of a rollout and of its (standardised) advantages. */
    void load(final RolloutBuffer buffer, final double[] allAdvantages) {
        System.arraycopy(buffer.observations(), from * observationSize, observations, 0, count * observationSize);
        System.arraycopy(buffer.actions(), from * actionSize, actions, 0, count * actionSize);
        System.arraycopy(buffer.logProbs(), from, collectedLogProb, 0, count);
        System.arraycopy(allAdvantages, from, advantages, 0, count);
    }

    /** Copies this shard's rows of bare observations (the Fisher matrix needs nothing else). */
    void loadObservations(final double[] allObservations) {
        System.arraycopy(allObservations, from * observationSize, observations, 0, count * observationSize);
    }

    /**
     * Takes the source's parameters as θ_old and forwards the rows, keeping the activations for
     * {@link #fisherProduct} and μ_old for {@link #evaluate}.
     */
    void forwardOld(final GaussianPolicy source) {
        policy.copyFrom(source);
        final double[] mu = policy.mean().forward(observations, count);
        System.arraycopy(mu, 0, oldMean, 0, count * actionSize);
    }

    /**
     * At θ_old ({@link #forwardOld} first): the gradient of {@code Σ_rows r·A / n} into the copy's networks, and
     * {@code Σ_rows r·A} as the partial surrogate (r = 1 at θ_old up to the behaviour policy's difference).
     */
    void surrogateGradient(final int n) {
        final DiagonalGaussian head = policy.head();
        policy.zeroGradients();
        head.logLikelihood(oldMean, actions, count, logProb);
        double sum = 0.0;
        for (int s = 0; s < count; s++) {
            final double ratio = Math.exp(logProb[s] - collectedLogProb[s]);
            sum += ratio * advantages[s];
            dLogProb[s] = ratio * advantages[s] / n;
        }
        surrogateSum = sum;
        policy.mean().backward(head.backwardLogLikelihood(oldMean, actions, dLogProb, count), count);
    }

    /**
     * {@code J_rowsᵀ diag(σ⁻²/n) J_rows v} of the mean network at θ_old into the copy's mean gradients.
     *
     * @param v a direction in {@code [μ-network, log σ]} parameter space.
     * @param n the rollout's rows.
     */
    void fisherProduct(final double[] v, final int n) {
        final Mlp network = policy.mean();
        final double[] logStd = policy.head().logStd();
        final double[] tangent = network.jacobianVectorProduct(v, count);
        final int d = actionSize;
        for (int i = 0; i < d; i++) {
            final double inverseVariance = Math.exp(-2.0 * logStd[i]) / n;
            for (int s = 0; s < count; s++) {
                scaledTangent[s * d + i] = tangent[s * d + i] * inverseVariance;
            }
        }
        network.zeroGradients();
        network.backward(scaledTangent, count);
    }

    /**
     * At the source's (candidate) parameters: {@code Σ_rows r·A} and {@code Σ_rows KL(π_old ‖ π)}. Overwrites the
     * activations at θ_old, so it comes after conjugate gradient.
     */
    void evaluate(final GaussianPolicy source, final double[] oldLogStd) {
        policy.copyFrom(source);
        final DiagonalGaussian head = policy.head();
        final double[] mu = policy.mean().forward(observations, count);
        head.logLikelihood(mu, actions, count, logProb);
        final int d = actionSize;
        double surrogate = 0.0;
        double kl = 0.0;
        for (int s = 0; s < count; s++) {
            surrogate += Math.exp(logProb[s] - collectedLogProb[s]) * advantages[s];
            kl += DiagonalGaussian.kl(oldMean, oldLogStd, mu, head.logStd(), s * d, d);
        }
        surrogateSum = surrogate;
        klSum = kl;
    }

    GaussianPolicy policy() {
        return policy;
    }

    double surrogateSum() {
        return surrogateSum;
    }

    double klSum() {
        return klSum;
    }
}
