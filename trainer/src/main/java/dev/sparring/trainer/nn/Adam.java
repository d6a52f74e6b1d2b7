package dev.sparring.trainer.nn;

/**
 * Adam (Kingma and Ba, Algorithm 1) over a flat parameter vector, with bias-corrected first and second moment
 * estimates {@code m̂ = m / (1 - β₁ᵗ)}, {@code v̂ = v / (1 - β₂ᵗ)} and the step
 * {@code θ ← θ - α m̂ / (√v̂ + ε)}. Allocates nothing per step.
 */
public final class Adam {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private double beta1PowerT = 1.0;
    private double beta2PowerT = 1.0;
    private long t;
    private double alpha;

    /**
     * Creates an optimizer with zero moment estimates.
     *
     * @param size    the length of the parameter vector.
     * @param alpha   the learning rate α, > 0.
     * @param beta1   the first-moment decay β₁, in [0, 1).
     * @param beta2   the second-moment decay β₂, in [0, 1).
     * @param epsilon the denominator floor ε, > 0.
     */
    public Adam(final int size, final double alpha, final double beta1, final double beta2, final double epsilon) {
        if (!(alpha > 0.0)) {
            throw new IllegalArgumentException("alpha must be > 0, was " + alpha);
        }
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
        }
        if (!(epsilon > 0.0)) {
            throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
        }
        this.alpha = alpha;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[size];
        this.v = new double[size];
    }

    /**
     * Takes one descent step on {@code theta} along the gradient {@code g}.
     *
     * @param theta the parameters, updated in place.
     * @param g     the gradient of the loss to minimise, of the same length.
     */
    public void step(final double[] theta, final double[] g) {
        t++;
        beta1PowerT *= beta1;
        beta2PowerT *= beta2;
        final double b1 = beta1;
        final double b2 = beta2;
        final double a = alpha;
        final double correction1 = 1.0 / (1.0 - beta1PowerT);
        final double correction2 = 1.0 / (1.0 - beta2PowerT);
        final double[] mt = m;
        final double[] vt = v;
        for (int i = 0, n = mt.length; i < n; i++) {
            final double gi = g[i];
            mt[i] = b1 * mt[i] + (1.0 - b1) * gi;
            vt[i] = b2 * vt[i] + (1.0 - b2) * gi * gi;
            final double mHat = mt[i] * correction1;
            final double vHat = vt[i] * correction2;
            theta[i] -= a * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    /**
     * The step size α of the following steps (a learning-rate schedule sets it before each update).
     *
     * @param learningRate the new α, > 0.
     */
    public void learningRate(final double learningRate) {
        if (!(learningRate > 0.0)) {
            throw new IllegalArgumentException("alpha must be > 0, was " + learningRate);
        }
        this.alpha = learningRate;
    }

    /**
     * The step size α of the next step.
     *
     * @return α.
     */
    public double learningRate() {
        return alpha;
    }

    /**
     * The number of steps taken.
     *
     * @return the step counter t.
     */
    public long steps() {
        return t;
    }

    /**
     * The first-moment estimates m, live (for checkpoints).
     *
     * @return one value per parameter.
     */
    public double[] firstMoment() {
        return m;
    }

    /**
     * The second-moment estimates v, live (for checkpoints).
     *
     * @return one value per parameter.
     */
    public double[] secondMoment() {
        return v;
    }

    /**
     * Sets the step counter, as from a checkpoint, recomputing {@code β₁ᵗ} and {@code β₂ᵗ} by the same products
     * {@link #step} accumulates, so a restored optimizer continues bit for bit.
     *
     * @param steps the step counter t, ≥ 0.
     */
    public void restoreSteps(final long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        }
        double power1 = 1.0;
        double power2 = 1.0;
        for (long k = 0; k < steps; k++) {
            power1 *= beta1;
            power2 *= beta2;
        }
        beta1PowerT = power1;
        beta2PowerT = power2;
        t = steps;
    }
}
