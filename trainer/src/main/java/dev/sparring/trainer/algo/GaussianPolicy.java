package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;
import dev.sparring.trainer.nn.RunningMeanStd;

/**
 * A stochastic policy {@code a = μ(z) + σ ⊙ ε}, {@code ε ~ N(0, I)}, over standardised observations
 * {@code z = clip((s − mean)/std)}: an observation normaliser, a mean network and a diagonal Gaussian head with a
 * state-independent {@code log σ} (initially 0). Actions are in policy units; the environment receives
 * {@code actionScale ⊙ a} (1 for the task's own units, the bound for a [−1, 1]-scaled policy).
 *
 * <p>The policy is a deterministic function of observation and noise, so the caller owns the randomness. Not
 * thread-safe (the networks keep batch buffers): each thread works on its own {@link #replica}.
 */
public final class GaussianPolicy {
    private final RunningMeanStd normalizer;
    private final Mlp mean;
    private final DiagonalGaussian head;
    private final double[] actionScale;
    private final double[] singleObservation;

    /**
     * Assembles a policy from its parts.
     *
     * @param normalizer  the observation statistics.
     * @param mean        the mean network, input the observation size, output the action size.
     * @param head        the Gaussian head of the same action size and at least the network's maximum batch.
     * @param actionScale the per-element scale from policy units to environment units.
     */
    public GaussianPolicy(final RunningMeanStd normalizer, final Mlp mean, final DiagonalGaussian head,
        final double[] actionScale) {
        if (mean.inputSize() != normalizer.size()) {
            throw new IllegalArgumentException("mean network input " + mean.inputSize()
                + " must equal the normaliser size " + normalizer.size());
        }
        if (mean.outputSize() != head.actionSize() || actionScale.length != head.actionSize()) {
            throw new IllegalArgumentException("mean network output " + mean.outputSize() + ", head size "
                + head.actionSize() + " and action scale length " + actionScale.length + " must be equal");
        }
        this.normalizer = normalizer;
        this.mean = mean;
        this.head = head;
        this.actionScale = actionScale.clone();
        this.singleObservation = new double[normalizer.size()];
    }

    /**
     * Creates a freshly initialised policy: 64-64-style tanh mean network (gains √2, output 0.01), σ = 1,
     * normaliser at mean 0 and variance 1.
     *
     * @param observationSize the observation length.
     * @param actionSize      the action length.
     * @param hiddenSizes     the mean network's hidden widths.
     * @param actionScale     the per-element scale to environment units.
     * @param observationClip the clip of standardised observations.
     * @param maxBatch        the largest batch.
     * @param seed            the initialisation seed.
     * @return the policy.
     */
    public static GaussianPolicy create(final int observationSize, final int actionSize, final int[] hiddenSizes,
        final double[] actionScale, final double observationClip, final int maxBatch, final long seed) {
        return new GaussianPolicy(new RunningMeanStd(observationSize, observationClip),
            Networks.policyMean(observationSize, hiddenSizes, actionSize, maxBatch, seed),
            new DiagonalGaussian(actionSize, maxBatch), actionScale);
    }

    /**
     * A policy with the same parameters and statistics and its own buffers.
     *
     * @param maxBatch the copy's largest batch.
     * @return the copy.
     */
    public GaussianPolicy replica(final int maxBatch) {
        final RunningMeanStd statistics = new RunningMeanStd(normalizer.size(), normalizer.clip());
        statistics.copyFrom(normalizer);
        final GaussianPolicy copy = new GaussianPolicy(statistics, mean.replica(maxBatch),
            new DiagonalGaussian(head.actionSize(), maxBatch), actionScale);
        copy.copyFrom(this);
        return copy;
    }

    /**
     * Whether {@link #copyFrom} can take another policy's parameters.
     *
     * @param other the other policy.
     * @return {@code true} when the networks, normalisers and clips match.
     */
    public boolean sameShape(final GaussianPolicy other) {
        return mean.sameShape(other.mean) && normalizer.clip() == other.normalizer.clip();
    }

    /**
     * Copies another policy's mean parameters, {@code log σ}, normaliser statistics and action scale.
     *
     * @param other a policy of the same shape.
     */
    public void copyFrom(final GaussianPolicy other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("cannot copy a policy of another shape");
        }
        mean.setParameters(other.mean.parameters());
        System.arraycopy(other.head.logStd(), 0, head.logStd(), 0, head.actionSize());
        System.arraycopy(other.actionScale, 0, actionScale, 0, actionScale.length);
        normalizer.copyFrom(other.normalizer);
    }

    /**
     * Standardises raw observations with the current statistics.
     *
     * @param raw        row-major raw observations.
     * @param rawOffset  where the first row starts.
     * @param normalized receives the standardised rows from index 0.
     * @param rows       the number of rows.
     */
    public void normalize(final double[] raw, final int rawOffset, final double[] normalized, final int rows) {
        normalizer.normalize(raw, rawOffset, normalized, 0, rows);
    }

    /**
     * Samples actions {@code a = μ + σ ⊙ ε} for standardised observations and their log-likelihoods.
     *
     * @param normalized row-major standardised observations.
     * @param rows       the number of rows.
     * @param noise      row-major standard normal noise ε, one value per action element.
     * @param actions    receives the actions in policy units.
     * @param logProb    receives {@code log π(a|s)} per row.
     */
    public void sample(final double[] normalized, final int rows, final double[] noise, final double[] actions,
        final double[] logProb) {
        final double[] mu = mean.forward(normalized, rows);
        final int d = head.actionSize();
        final double[] logStd = head.logStd();
        for (int r = 0; r < rows; r++) {
            final int row = r * d;
            for (int i = 0; i < d; i++) {
                actions[row + i] = mu[row + i] + Math.exp(logStd[i]) * noise[row + i];
            }
        }
        head.logLikelihood(mu, actions, rows, logProb);
    }

    /**
     * The deterministic action {@code actionScale ⊙ μ(z)} for one raw observation, in environment units.
     *
     * @param observation the raw observation.
     * @param action      receives the action.
     */
    public void deterministic(final double[] observation, final double[] action) {
        normalizer.normalize(observation, 0, singleObservation, 0, 1);
        final double[] mu = mean.forward(singleObservation, 1);
        for (int i = 0; i < actionScale.length; i++) {
            action[i] = actionScale[i] * mu[i];
        }
    }

    /**
     * The observation normaliser, live.
     *
     * @return the statistics.
     */
    public RunningMeanStd normalizer() {
        return normalizer;
    }

    /**
     * The mean network, live.
     *
     * @return the network.
     */
    public Mlp mean() {
        return mean;
    }

    /**
     * The Gaussian head, live (its {@code log σ} is a parameter of the policy).
     *
     * @return the head.
     */
    public DiagonalGaussian head() {
        return head;
    }

    /**
     * The scale from policy units to environment units.
     *
     * @param index an action element.
     * @return the factor.
     */
    public double actionScale(final int index) {
        return actionScale[index];
    }

    /**
     * The observation length.
     *
     * @return the normaliser's size.
     */
    public int observationSize() {
        return normalizer.size();
    }

    /**
     * The action length.
     *
     * @return the head's size.
     */
    public int actionSize() {
        return head.actionSize();
    }

    /**
     * The number of trainable parameters: the mean network's then {@code log σ}.
     *
     * @return the length of the policy's flat parameter vector.
     */
    public int parameterCount() {
        return mean.parameterCount() + head.actionSize();
    }

    /**
     * Copies the trainable parameters into a flat vector, mean network first, then {@code log σ}.
     *
     * @param destination receives {@link #parameterCount()} values.
     * @param offset      where they start.
     */
    public void copyParameters(final double[] destination, final int offset) {
        final double[] p = mean.parameters();
        System.arraycopy(p, 0, destination, offset, p.length);
        System.arraycopy(head.logStd(), 0, destination, offset + p.length, head.actionSize());
    }

    /**
     * Sets the trainable parameters from a flat vector in the layout of {@link #copyParameters}.
     *
     * @param source {@link #parameterCount()} values.
     * @param offset where they start.
     */
    public void setParameters(final double[] source, final int offset) {
        final double[] p = mean.parameters();
        System.arraycopy(source, offset, p, 0, p.length);
        System.arraycopy(source, offset + p.length, head.logStd(), 0, head.actionSize());
    }

    /**
     * Copies the accumulated gradients into a flat vector in the layout of {@link #copyParameters}.
     *
     * @param destination receives {@link #parameterCount()} values.
     * @param offset      where they start.
     */
    public void copyGradients(final double[] destination, final int offset) {
        final double[] g = mean.gradients();
        System.arraycopy(g, 0, destination, offset, g.length);
        System.arraycopy(head.logStdGradient(), 0, destination, offset + g.length, head.actionSize());
    }

    /** Sets the accumulated gradients of the mean network and {@code log σ} to zero. */
    public void zeroGradients() {
        mean.zeroGradients();
        head.zeroGradients();
    }
}
