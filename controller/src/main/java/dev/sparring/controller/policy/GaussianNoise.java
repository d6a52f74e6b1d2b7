package dev.sparring.controller.policy;

import dev.sparring.hal.random.SplitMix64;

/**
 * Standard normal noise for an exploring policy, from a seeded {@link SplitMix64}: the Box–Muller transform gives two
 * independent samples from two uniforms, and the second is kept for the next call, so a draw costs half a logarithm,
 * square root and sine-cosine pair. Allocation-free; not thread-safe: it belongs to the control thread, and the
 * policies that replace one another between episodes share it, so a run's noise is one stream from its seed.
 */
public final class GaussianNoise {
    private static final double TWO_PI = 2.0 * Math.PI;

    private final SplitMix64 random;
    private double spare;
    private boolean hasSpare;

    /**
     * @param seed the stream's seed; the same seed gives the same samples.
     */
    public GaussianNoise(final long seed) {
        this.random = new SplitMix64(seed);
    }

    /**
     * @return the next standard normal sample.
     */
    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        final double radius = Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble()));
        final double angle = TWO_PI * random.nextDouble();
        spare = radius * Math.sin(angle);
        hasSpare = true;
        return radius * Math.cos(angle);
    }
}
