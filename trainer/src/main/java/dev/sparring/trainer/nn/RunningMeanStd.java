package dev.sparring.trainer.nn;

import java.util.Arrays;

/**
 * Per-element running mean and variance of a stream of vectors, merged batch by batch with the parallel update of
 * Chan et al. ({@code δ = μ_B − μ}, {@code μ ← μ + δ·n_B/n}, {@code M₂ ← σ²n_A + σ_B²n_B + δ²n_A n_B/n}), and the
 * clipped standardisation {@code z = clip((x − μ)/√(σ² + ε), ±clip)} that a policy applies to its observations.
 *
 * <p>Starts at mean 0, variance 1 and a count of 10⁻⁴ (as Gymnasium's and Stable-Baselines3's normalisers), so the
 * first batch sets the statistics almost alone. A frozen instance ignores updates (evaluation). The mean and
 * {@link #std(int)} are what a policy file stores. Nothing is allocated after construction.
 */
public final class RunningMeanStd {
    /** The variance floor ε inside the square root. */
    public static final double EPSILON = 1e-8;
    private static final double INITIAL_COUNT = 1e-4;

    private final double[] mean;
    private final double[] variance;
    private final double[] inverseStd;
    private final double[] batchMean;
    private final double[] batchVariance;
    private final double clip;
    private double count = INITIAL_COUNT;
    private boolean frozen;

    /**
     * Creates statistics at mean 0, variance 1.
     *
     * @param size the vector length.
     * @param clip standardised values are clipped to ±this, > 0 ({@link Double#POSITIVE_INFINITY} for none).
     */
    public RunningMeanStd(final int size, final double clip) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        if (!(clip > 0.0)) {
            throw new IllegalArgumentException("clip must be > 0, was " + clip);
        }
        this.mean = new double[size];
        this.variance = new double[size];
        this.inverseStd = new double[size];
        this.batchMean = new double[size];
        this.batchVariance = new double[size];
        this.clip = clip;
        Arrays.fill(variance, 1.0);
        refreshInverseStd();
    }

    /**
     * Merges a batch of rows into the statistics, unless frozen.
     *
     * @param x      row-major rows of {@link #size()} values.
     * @param offset where the first row starts.
     * @param rows   the number of rows, ≥ 1.
     */
    public void update(final double[] x, final int offset, final int rows) {
        if (frozen) {
            return;
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        final int d = mean.length;
        final double[] bm = batchMean;
        final double[] bv = batchVariance;
        Arrays.fill(bm, 0.0);
        Arrays.fill(bv, 0.0);
        for (int r = 0; r < rows; r++) {
            final int row = offset + r * d;
            for (int i = 0; i < d; i++) {
                bm[i] += x[row + i];
            }
        }
        final double inverseRows = 1.0 / rows;
        for (int i = 0; i < d; i++) {
            bm[i] *= inverseRows;
        }
        for (int r = 0; r < rows; r++) {
            final int row = offset + r * d;
            for (int i = 0; i < d; i++) {
                final double deviation = x[row + i] - bm[i];
                bv[i] += deviation * deviation;
            }
        }
        final double total = count + rows;
        for (int i = 0; i < d; i++) {
            final double delta = bm[i] - mean[i];
            final double m2 = variance[i] * count + bv[i] + delta * delta * count * rows / total;
            mean[i] += delta * rows / total;
            variance[i] = m2 / total;
        }
        count = total;
        refreshInverseStd();
    }

    /**
     * Standardises and clips rows: {@code out = clip((in − μ)/√(σ² + ε), ±clip)}.
     *
     * @param in        row-major raw rows.
     * @param inOffset  where the first raw row starts.
     * @param out       receives the standardised rows (may be {@code in} at the same offset).
     * @param outOffset where the first standardised row goes.
     * @param rows      the number of rows.
     */
    public void normalize(final double[] in, final int inOffset, final double[] out, final int outOffset,
        final int rows) {
        final int d = mean.length;
        final double[] mu = mean;
        final double[] inv = inverseStd;
        final double c = clip;
        for (int r = 0; r < rows; r++) {
            final int inRow = inOffset + r * d;
            final int outRow = outOffset + r * d;
            for (int i = 0; i < d; i++) {
                final double z = (in[inRow + i] - mu[i]) * inv[i];
                out[outRow + i] = Math.max(-c, Math.min(c, z));
            }
        }
    }

    /**
     * Copies another instance's statistics (not its frozen flag) into this one.
     *
     * @param other statistics of the same size.
     */
    public void copyFrom(final RunningMeanStd other) {
        restore(other.mean, other.variance, other.count);
    }

    /**
     * Replaces the statistics, as from a checkpoint.
     *
     * @param newMean     {@link #size()} means.
     * @param newVariance {@link #size()} variances, ≥ 0.
     * @param newCount    the number of samples they summarise, > 0.
     */
    public void restore(final double[] newMean, final double[] newVariance, final double newCount) {
        if (newMean.length != mean.length || newVariance.length != mean.length) {
            throw new IllegalArgumentException("running statistics need " + mean.length + " means and variances, got "
                + newMean.length + " and " + newVariance.length);
        }
        if (!(newCount > 0.0)) {
            throw new IllegalArgumentException("count must be > 0, was " + newCount);
        }
        System.arraycopy(newMean, 0, mean, 0, mean.length);
        System.arraycopy(newVariance, 0, variance, 0, mean.length);
        count = newCount;
        refreshInverseStd();
    }

    /**
     * Stops or resumes updates.
     *
     * @param value {@code true} to ignore {@link #update} from now on.
     */
    public void frozen(final boolean value) {
        frozen = value;
    }

    /**
     * Whether updates are ignored.
     *
     * @return the frozen flag.
     */
    public boolean frozen() {
        return frozen;
    }

    /**
     * The running mean of an element.
     *
     * @param index the element.
     * @return μ.
     */
    public double mean(final int index) {
        return mean[index];
    }

    /**
     * The running (population) variance of an element.
     *
     * @param index the element.
     * @return σ².
     */
    public double variance(final int index) {
        return variance[index];
    }

    /**
     * The standard deviation used to standardise an element, as exported.
     *
     * @param index the element.
     * @return {@code √(σ² + ε)}.
     */
    public double std(final int index) {
        return Math.sqrt(variance[index] + EPSILON);
    }

    /**
     * The number of samples the statistics summarise, including the initial 10⁻⁴.
     *
     * @return the count.
     */
    public double count() {
        return count;
    }

    /**
     * The clip applied to standardised values.
     *
     * @return the clip, > 0.
     */
    public double clip() {
        return clip;
    }

    /**
     * The vector length.
     *
     * @return the number of elements.
     */
    public int size() {
        return mean.length;
    }

    private void refreshInverseStd() {
        for (int i = 0; i < mean.length; i++) {
            inverseStd[i] = 1.0 / Math.sqrt(variance[i] + EPSILON);
        }
    }
}
