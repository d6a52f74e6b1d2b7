package dev.sparring.hal.sim;

import java.util.SplittableRandom;

/**
 * Turns true values into measurements, one channel at a time, then delays the whole sample. For every channel:
 * <ol>
 *   <li>Gaussian noise: {@code v + σ·N(0,1)}, drawn from a {@link SplittableRandom} seeded once, so a seed fixes
 *       every draw (channel order within a sample, samples in call order);</li>
 *   <li>quantisation to a step {@code s}, as an incremental encoder counting whole steps from zero:
 *       {@code floor(v / s)·s} (noise first, so readings stay on the count grid).</li>
 * </ol>
 * A step or σ of 0 switches that stage off. The measured sample then goes through a ring of {@code delay + 1} slots:
 * {@link #measure(double[], double[])} returns the sample measured {@code delay} calls earlier; until that many calls
 * have been made it returns the first sample. Preallocated, allocation-free.
 */
public final class SensorModel {
    private final int width;
    private final double[] steps;
    private final double[] noiseStds;
    private final int slots;
    private final double[] ring;
    private final SplittableRandom random;
    private int head;
    private boolean primed;

    /**
     * @param steps      quantisation step per channel (0 = none).
     * @param noiseStds  noise standard deviation per channel (0 = none).
     * @param delayTicks how many calls a measurement lags, &gt;= 0.
     * @param seed       seed of the noise generator.
     */
    public SensorModel(final double[] steps, final double[] noiseStds, final int delayTicks, final long seed) {
        if (steps.length != noiseStds.length) {
            throw new IllegalArgumentException(steps.length + " steps but " + noiseStds.length + " noise values");
        }
        if (delayTicks < 0) {
            throw new IllegalArgumentException("delay_ticks must be >= 0, was " + delayTicks);
        }
        for (int i = 0; i < steps.length; i++) {
            if (!(steps[i] >= 0) || !(noiseStds[i] >= 0) || Double.isInfinite(steps[i] + noiseStds[i])) {
                throw new IllegalArgumentException("channel " + i + " step and noise must be finite and >= 0, were "
                    + steps[i] + " and " + noiseStds[i]);
            }
        }
        this.width = steps.length;
        this.steps = steps.clone();
        this.noiseStds = noiseStds.clone();
        this.slots = delayTicks + 1;
        this.ring = new double[slots * width];
        this.random = new SplittableRandom(seed);
    }

    /**
     * Measures the true values and returns the measurement taken {@code delay} calls ago.
     *
     * @param truth true values, one per channel.
     * @param out   receives the delayed measurement, one per channel.
     */
    public void measure(final double[] truth, final double[] out) {
        final int base = head * width;
        for (int i = 0; i < width; i++) {
            double value = truth[i];
            final double noiseStd = noiseStds[i];
            if (noiseStd > 0) {
                value += noiseStd * random.nextGaussian();
            }
            final double step = steps[i];
            if (step > 0) {
                value = quantise(value, step);
            }
            ring[base + i] = value;
        }
        if (!primed) {
            for (int slot = 0; slot < slots; slot++) {
                System.arraycopy(ring, base, ring, slot * width, width);
            }
            primed = true;
        }
        final int oldest = head + 1 == slots ? 0 : head + 1;
        System.arraycopy(ring, oldest * width, out, 0, width);
        head = oldest;
    }

    /**
     * @param value a value.
     * @param step  the quantisation step, &gt; 0.
     * @return {@code floor(value / step)·step}.
     */
    public static double quantise(final double value, final double step) {
        return Math.floor(value / step) * step;
    }
}
