package dev.sparring.trainer.eval;

import java.util.Locale;

/**
 * Mean and population standard deviation ({@code √(Σ(x − x̄)²/n)}, numpy's default {@code ddof=0}), the spread
 * every evaluation result and learning curve here reports; and Welch's t for the difference of two samples' means
 * (unequal variances, the sample variances with {@code n − 1}), the test a claimed difference between two methods'
 * seeds is reported with.
 */
public final class Statistics {
    private Statistics() {
    }

    /**
     * @param values the sample, at least one value.
     * @return its mean.
     */
    public static double mean(final double[] values) {
        double sum = 0.0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
        }
        return sum / values.length;
    }

    /**
     * @param values the sample, at least one value.
     * @return its population standard deviation (two passes, for accuracy).
     */
    public static double std(final double[] values) {
        final double mean = mean(values);
        double sumOfSquares = 0.0;
        for (int i = 0; i < values.length; i++) {
            final double deviation = values[i] - mean;
            sumOfSquares += deviation * deviation;
        }
        return Math.sqrt(sumOfSquares / values.length);
    }

    /**
     * @param values the sample, at least two values.
     * @return its unbiased variance, {@code Σ(x − x̄)²/(n − 1)}.
     */
    public static double sampleVariance(final double[] values) {
        final double std = std(values);
        return std * std * values.length / (values.length - 1);
    }

    /**
     * Welch's t statistic for the difference {@code mean(b) − mean(a)}: {@code (b̄ − ā) / √(s²ₐ/nₐ + s²_b/n_b)}.
     *
     * @param a the first sample.
     * @param b the second sample.
     * @return the statistic; NaN when either sample has fewer than two values or both have no spread.
     */
    public static double welchT(final double[] a, final double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        final double standardError = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
        return standardError > 0.0 ? (mean(b) - mean(a)) / standardError : Double.NaN;
    }

    /**
     * The Welch–Satterthwaite degrees of freedom of {@link #welchT}:
     * {@code (s²ₐ/nₐ + s²_b/n_b)² / ((s²ₐ/nₐ)²/(nₐ − 1) + (s²_b/n_b)²/(n_b − 1))}.
     *
     * @param a the first sample.
     * @param b the second sample.
     * @return the degrees of freedom; NaN where {@link #welchT} is.
     */
    public static double welchDegreesOfFreedom(final double[] a, final double[] b) {
        if (Double.isNaN(welchT(a, b))) {
            return Double.NaN;
        }
        final double va = sampleVariance(a) / a.length;
        final double vb = sampleVariance(b) / b.length;
        return (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    }

    /**
     * @param mean  a mean over {@code count} values.
     * @param std   their standard deviation.
     * @param count how many values (seeds).
     * @return {@code "mean ± std"} to one decimal, or the mean alone for a single value, which has no spread to
     *         report (a "± 0.0" would claim a measured one).
     */
    public static String formatMeanStd(final double mean, final double std, final int count) {
        return count == 1 ? String.format(Locale.ROOT, "%.1f", mean)
            : String.format(Locale.ROOT, "%.1f ± %.1f", mean, std);
    }
}
