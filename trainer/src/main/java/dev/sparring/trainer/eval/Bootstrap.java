package dev.sparring.trainer.eval;

import dev.sparring.hal.random.SplitMix64;

/**
 * Percentile bootstrap confidence interval of a difference of means (other − baseline): each sample is resampled
 * with replacement on its own, the difference of the resamples' means taken {@code resamples} times, and the interval
 * is the {@code (1 − level)/2} and {@code (1 + level)/2} percentiles of those differences. Seeded, so a report
 * gives the same interval every time.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * A confidence interval.
     *
     * @param low  the lower bound.
     * @param high the upper bound.
     */
    public record Interval(double low, double high) {
    }

    /**
     * @param baseline  the first sample, at least one value.
     * @param other     the second sample, at least one value.
     * @param resamples how many resamples, ≥ 100.
     * @param level     the confidence level, in (0, 1), e.g. 0.95.
     * @param seed      the seed of the resampling.
     * @return the interval of {@code mean(other) − mean(baseline)}.
     */
    public static Interval differenceOfMeans(final double[] baseline, final double[] other, final int resamples,
        final double level, final long seed) {
        if (baseline.length == 0 || other.length == 0) {
            throw new IllegalArgumentException("a bootstrap needs at least one value per sample");
        }
        if (resamples < 100 || !(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("a bootstrap needs >= 100 resamples and a level in (0, 1), was "
                + resamples + " and " + level);
        }
        final SplitMix64 rng = new SplitMix64(seed);
        final double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = resampledMean(other, rng) - resampledMean(baseline, rng);
        }
        return new Interval(Statistics.percentile(differences, 50.0 * (1.0 - level)),
            Statistics.percentile(differences, 50.0 * (1.0 + level)));
    }

    private static double resampledMean(final double[] sample, final SplitMix64 rng) {
        double sum = 0.0;
        for (int i = 0; i < sample.length; i++) {
            sum += sample[rng.nextInt(sample.length)];
        }
        return sum / sample.length;
    }
}
