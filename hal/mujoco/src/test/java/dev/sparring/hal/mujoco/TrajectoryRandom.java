package dev.sparring.hal.mujoco;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), the trainer's generator, restated for the binding's tests, which cannot
 * see the trainer: the same seed gives the same draws in every JVM.
 */
final class TrajectoryRandom {
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    TrajectoryRandom(final long seed) {
        this.state = seed;
    }

    /**
     * @param low  lower bound.
     * @param high upper bound.
     * @return a draw uniform in [low, high).
     */
    double uniform(final double low, final double high) {
        state += 0x9E3779B97F4A7C15L;
        long z = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return low + (high - low) * ((z >>> 11) * DOUBLE_UNIT);
    }
}
