package dev.sparring.trainer.nn;

import java.util.Arrays;

/**
 * A diagonal Gaussian policy head {@code π(a|s) = N(μ(s), diag(σ²))} with a state-independent parameter vector
 * {@code log σ} (initially 0, so σ = 1). The mean comes from a network; this head supplies the log-likelihood,
 * its gradients w.r.t. {@code μ} and {@code log σ}, the entropy and the closed-form KL divergence.
 *
 * <p>Batches are row-major {@code batchSize × actionSize}; buffers are sized for the maximum batch at
 * construction and nothing is allocated per call.
 */
public final class DiagonalGaussian {
    private static final double LOG_2PI = Math.log(2.0 * Math.PI);

    private final int actionSize;
    private final int maxBatch;
    private final double[] logStd;
    private final double[] logStdGradient;
    private final double[] dMean;

    /**
     * Creates a head with {@code log σ = 0}.
     *
     * @param actionSize the action dimension d.
     * @param maxBatch   the largest batch given to the batch methods.
     */
    public DiagonalGaussian(final int actionSize, final int maxBatch) {
        if (actionSize < 1) {
            throw new IllegalArgumentException("actionSize must be >= 1, was " + actionSize);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        this.actionSize = actionSize;
        this.maxBatch = maxBatch;
        this.logStd = new double[actionSize];
        this.logStdGradient = new double[actionSize];
        this.dMean = new double[maxBatch * actionSize];
    }

    /**
     * Writes {@code log π(aₛ|sₛ) = -½ Σ ((a - μ)/σ)² - Σ log σ - (d/2) log 2π} for each row of a batch.
     *
     * @param mu        row-major means.
     * @param actions   row-major actions.
     * @param batchSize the number of rows.
     * @param logProb   receives one log-likelihood per row.
     */
    public void logLikelihood(final double[] mu, final double[] actions, final int batchSize, final double[] logProb) {
        checkBatch(batchSize);
        final int d = actionSize;
        final double[] ls = logStd;
        double constant = 0.5 * d * LOG_2PI;
        for (int i = 0; i < d; i++) {
            constant += ls[i];
        }
        for (int s = 0; s < batchSize; s++) {
            final int row = s * d;
            double sum = 0.0;
            for (int i = 0; i < d; i++) {
                final double z = (actions[row + i] - mu[row + i]) * Math.exp(-ls[i]);
                sum += z * z;
            }
            logProb[s] = -0.5 * sum - constant;
        }
    }

    /**
     * Backpropagates {@code dL/d log π} per row through the log-likelihood: returns {@code dL/dμ} and adds
     * {@code dL/d log σ} to {@link #logStdGradient()}, using {@code ∂ log π/∂μ = (a - μ)/σ²} and
     * {@code ∂ log π/∂ log σ = ((a - μ)/σ)² - 1}.
     *
     * @param mu        row-major means, as given to {@link #logLikelihood}.
     * @param actions   row-major actions.
     * @param dLogProb  the gradient of the loss w.r.t. each row's log-likelihood.
     * @param batchSize the number of rows.
     * @return {@code dL/dμ}, row-major (an internal buffer, valid until the next call).
     */
    public double[] backwardLogLikelihood(
        final double[] mu, final double[] actions, final double[] dLogProb, final int batchSize) {
        checkBatch(batchSize);
        final int d = actionSize;
        final double[] ls = logStd;
        final double[] gLogStd = logStdGradient;
        final double[] dMu = dMean;
        for (int s = 0; s < batchSize; s++) {
            final int row = s * d;
            final double upstream = dLogProb[s];
            for (int i = 0; i < d; i++) {
                final double inverseStd = Math.exp(-ls[i]);
                final double z = (actions[row + i] - mu[row + i]) * inverseStd;
                dMu[row + i] = upstream * z * inverseStd;
                gLogStd[i] += upstream * (z * z - 1.0);
            }
        }
        return dMu;
    }

    /**
     * The entropy {@code H = Σ log σ + (d/2)(1 + log 2π)}, the same for every state.
     *
     * @return the entropy in nats.
     */
    public double entropy() {
        double sum = 0.5 * actionSize * (1.0 + LOG_2PI);
        for (int i = 0; i < actionSize; i++) {
            sum += logStd[i];
        }
        return sum;
    }

    /**
     * The closed-form {@code KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²))} of two diagonal Gaussians:
     * {@code Σ [log σ₂ - log σ₁ + (σ₁² + (μ₁ - μ₂)²) / (2σ₂²) - ½]}.
     *
     * @param mu1     the first mean.
     * @param logStd1 the first log standard deviation.
     * @param mu2     the second mean.
     * @param logStd2 the second log standard deviation.
     * @param offset  where the d values start in the two mean arrays.
     * @param d       the dimension.
     * @return the divergence in nats, ≥ 0.
     */
    public static double kl(
        final double[] mu1, final double[] logStd1, final double[] mu2, final double[] logStd2, final int offset,
        final int d) {
        double sum = 0.0;
        for (int i = 0; i < d; i++) {
            final double variance1 = Math.exp(2.0 * logStd1[i]);
            final double variance2 = Math.exp(2.0 * logStd2[i]);
            final double difference = mu1[offset + i] - mu2[offset + i];
            sum += logStd2[i] - logStd1[i] + (variance1 + difference * difference) / (2.0 * variance2) - 0.5;
        }
        return sum;
    }

    /** Sets the accumulated {@code log σ} gradient to zero. */
    public void zeroGradients() {
        Arrays.fill(logStdGradient, 0.0);
    }

    /**
     * The {@code log σ} parameter vector, live.
     *
     * @return one log standard deviation per action dimension.
     */
    public double[] logStd() {
        return logStd;
    }

    /**
     * The accumulated gradient w.r.t. {@code log σ}, live.
     *
     * @return one value per action dimension.
     */
    public double[] logStdGradient() {
        return logStdGradient;
    }

    /**
     * The action dimension.
     *
     * @return d.
     */
    public int actionSize() {
        return actionSize;
    }

    private void checkBatch(final int batchSize) {
        if (batchSize < 1 || batchSize > maxBatch) {
            throw new IllegalArgumentException("batchSize must be in [1, " + maxBatch + "], was " + batchSize);
        }
    }
}
