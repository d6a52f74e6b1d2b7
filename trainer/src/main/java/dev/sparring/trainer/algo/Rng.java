package dev.sparring.trainer.algo;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a 64-bit generator whose whole state is one {@code long}, so a checkpoint
 * can save and restore it exactly. Gaussians come from the Box–Muller transform without a cached spare, so the state
 * stays one word. Not thread-safe; each stream belongs to one thread at a time.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final double TWO_PI = 2.0 * Math.PI;

    private long state;

    /**
     * Creates a stream.
     *
     * @param seed the initial state.
     */
    public Rng(final long seed) {
        this.state = seed;
    }

    /**
     * The next 64 uniformly distributed bits.
     *
     * @return a long.
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform double in [0, 1) with 53 random bits.
     *
     * @return the sample.
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * A standard normal sample, {@code √(−2 ln u₁)·cos(2π u₂)}.
     *
     * @return the sample.
     */
    public double nextGaussian() {
        final double u1 = 1.0 - nextDouble();
        final double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /**
     * A uniform integer in [0, bound), by the multiply-shift map of 32 random bits (bias below 2⁻³² · bound).
     *
     * @param bound the exclusive upper bound, ≥ 1.
     * @return the sample.
     */
    public int nextInt(final int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * The whole state, for a checkpoint.
     *
     * @return the state word.
     */
    public long state() {
        return state;
    }

    /**
     * Restores the state saved by {@link #state()}.
     *
     * @param value the state word.
     */
    public void state(final long value) {
        state = value;
    }
}
