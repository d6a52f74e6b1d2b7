package dev.sparring.trainer.colearn;

/**
 * The settings of the partner selection that a supervisor runs each window ({@link SharingRound}).
 *
 * @param kMin        the fewest sharing groups, ≥ 1; with 1, a fleet without group structure shares as one group.
 * @param kMax        the most sharing groups, ≥ kMin (fewer when fewer robots have data); k = kMin = kMax fixes k.
 * @param temperature T, the partner draws per robot per window, ≥ 0 (0 shares nothing).
 */
public record SharingConfig(int kMin, int kMax, int temperature) {
    /**
     * Validates the ranges.
     */
    public SharingConfig {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("need 1 <= kMin <= kMax, were " + kMin + " and " + kMax);
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
    }

    /**
     * @return k chosen by silhouette in 1..8, T = 3.
     */
    public static SharingConfig defaults() {
        return new SharingConfig(1, 8, 3);
    }
}
