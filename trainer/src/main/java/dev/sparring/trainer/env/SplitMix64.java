package dev.sparring.trainer.env;

/**
 * Steele, Lea and Flood's SplitMix64 generator, re-seedable in place so an environment's reset draws its initial
 * state without allocating. From a seed it produces the same numbers as {@code new java.util.SplittableRandom(seed)}'s
 * {@code nextLong()} and {@code nextDouble()}.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /**
     * Restarts the sequence.
     *
     * @param seed the seed.
     */
    void seed(final long seed) {
        state = seed;
    }

    /**
     * @return the next 64 uniformly distributed bits.
     */
    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @return the next double, uniform in [0, 1).
     */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param low  the lower bound.
     * @param high the upper bound, &gt; {@code low}.
     * @return the next double, uniform between the bounds (rounding may give {@code high} itself).
     */
    double uniform(final double low, final double high) {
        return low + (high - low) * nextDouble();
    }
}
