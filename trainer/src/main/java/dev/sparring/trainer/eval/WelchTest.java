package dev.sparring.trainer.eval;

/**
 * Welch's unequal-variances t-test of the difference of two means (other − baseline):
 * {@code t = (x̄₂ − x̄₁)/√(s₁²/n₁ + s₂²/n₂)} with sample variances {@code s²}, the Welch–Satterthwaite degrees of
 * freedom {@code ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))} and the two-sided p-value from
 * Student's t with {@code ν} degrees of freedom (scipy's {@code ttest_ind(other, baseline, equal_var=False)}).
 *
 * @param difference the difference of the means, other − baseline.
 * @param t          the statistic; NaN when neither sample varies (the test is undefined).
 * @param df         the Welch–Satterthwaite degrees of freedom; NaN when neither sample varies.
 * @param p          the two-sided p-value; NaN when neither sample varies.
 */
public record WelchTest(double difference, double t, double df, double p) {
    /**
     * @param baseline the first sample, at least 2 values.
     * @param other    the second sample, at least 2 values.
     * @return the test of {@code mean(other) − mean(baseline)}.
     * @throws IllegalArgumentException when a sample has fewer than 2 values (its variance is undefined).
     */
    public static WelchTest compare(final double[] baseline, final double[] other) {
        if (baseline.length < 2 || other.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least 2 values per sample, got "
                + baseline.length + " and " + other.length);
        }
        final double difference = Statistics.mean(other) - Statistics.mean(baseline);
        final double a = Statistics.sampleVariance(baseline) / baseline.length;
        final double b = Statistics.sampleVariance(other) / other.length;
        if (a + b == 0.0) {
            return new WelchTest(difference, Double.NaN, Double.NaN, Double.NaN);
        }
        final double t = difference / Math.sqrt(a + b);
        final double df = (a + b) * (a + b) / (a * a / (baseline.length - 1) + b * b / (other.length - 1));
        return new WelchTest(difference, t, df, StudentT.twoSidedP(t, df));
    }

    /**
     * @return whether the test is defined (some sample varies).
     */
    public boolean defined() {
        return !Double.isNaN(t);
    }
}
