package dev.sparring.trainer.report;

import dev.sparring.trainer.eval.Bootstrap;
import dev.sparring.trainer.eval.Statistics;
import dev.sparring.trainer.eval.WelchTest;

/**
 * One condition's comparison of a method with the baseline over seeds: both samples, Welch's t-test and a bootstrap
 * interval of the difference of means (other − baseline); the test and the interval are absent when a method has
 * fewer than two seeds.
 *
 * @param condition the condition, e.g. {@code nominal}.
 * @param baseline  the baseline's per-seed values.
 * @param other     the other method's per-seed values.
 * @param welch     Welch's t-test, or {@code null} with fewer than 2 seeds on a side.
 * @param interval  the bootstrap interval, or {@code null} with fewer than 2 seeds on a side.
 */
public record Comparison(String condition, double[] baseline, double[] other, WelchTest welch,
    Bootstrap.Interval interval) {
    /** Bootstrap resamples per interval. */
    public static final int RESAMPLES = 10_000;
    /** The interval's confidence level. */
    public static final double LEVEL = 0.95;
    /** The bootstrap's seed, fixed so a report gives the same intervals every time. */
    public static final long SEED = 1L;

    /**
     * @param condition the condition.
     * @param baseline  the baseline's per-seed values, at least one.
     * @param other     the other method's per-seed values, at least one.
     * @return the comparison, tested when both have at least 2 seeds.
     */
    public static Comparison of(final String condition, final double[] baseline, final double[] other) {
        final boolean testable = baseline.length >= 2 && other.length >= 2;
        return new Comparison(condition, baseline.clone(), other.clone(),
            testable ? WelchTest.compare(baseline, other) : null,
            testable ? Bootstrap.differenceOfMeans(baseline, other, RESAMPLES, LEVEL, SEED) : null);
    }

    /**
     * @return {@code mean(other) − mean(baseline)}.
     */
    public double difference() {
        return Statistics.mean(other) - Statistics.mean(baseline);
    }
}
