package dev.sparring.hal.random;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), the project's one random generator: its whole state is one {@code long},
 * so a checkpoint saves and restores it exactly, and re-seeding in place ({@link #state(long)}) lets an environment
 * draw each episode's initial state without allocating. From a seed it produces the same {@code nextLong()} and
 * {@code nextDouble()} as {@code new java.util.SplittableRandom(seed)}. Gaussians come from the Box–Muller transform
 * without a cached spare, so the state stays one word. Not thread-safe; each stream belongs to one thread at a time.
 */
public final class SplitMix64 {
    /** The golden-ratio increment γ of the state. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final double TWO_PI = 2.0 * Math.PI;

    private long state;

    /**
     * @param seed the initial state.
     */
    public SplitMix64(final long seed) {
        this.state = seed;
    }

    /**
     * SplitMix64's output function: a bijective mix of 64 bits, for deriving unrelated seeds from related ones.
     *
     * @param z the input bits.
     * @return the mixed bits.
     */
    public static long mix(final long z) {
        long x = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /**
     * The seed of item {@code index} of a family seeded with {@code seed} (episode {@code index} of an evaluation, of
     * a simulated robot's run): {@link #mix} applied to {@code seed + (index + 1)·γ}, so neighbouring seeds and
     * indices give unrelated streams.
     *
     * @param seed  the family's seed.
     * @param index the item's index, from 0.
     * @return the item's seed.
     */
    public static long derive(final long seed, final long index) {
        return mix(seed + (index + 1L) * GOLDEN_GAMMA);
    }

    /**
     * @return the next 64 uniformly distributed bits.
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * @return a uniform double in [0, 1) with 53 random bits.
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * @param low  the lower bound.
     * @param high the upper bound, &gt; {@code low}.
     * @return a double uniform between the bounds (rounding may give {@code high} itself).
     */
    public double uniform(final double low, final double high) {
        return low + (high - low) * nextDouble();
    }

    /**
     * @return a standard normal sample, {@code √(−2 ln u₁)·cos(2π u₂)}.
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
     * @return the whole state, for a checkpoint.
     */
    public long state() {
        return state;
    }

    /**
     * Restores a state saved by {@link #state()}, or restarts the sequence of a seed.
     *
     * @param value the state word (a seed is a state).
     */
    public void state(final long value) {
        state = value;
    }
}
