package dev.sparring.trainer.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * Mean and population standard deviation ({@code √(Σ(x − x̄)²/n)}, numpy's default {@code ddof=0}), the spread
 * every evaluation result and learning curve here reports; the sample variance ({@code ddof=1}) that tests take; and
 * percentiles as numpy's default (linear interpolation between order statistics).
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
     * @return its unbiased sample variance {@code Σ(x − x̄)²/(n − 1)}.
     */
    public static double sampleVariance(final double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("a sample variance needs at least 2 values, got " + values.length);
        }
        final double mean = mean(values);
        double sumOfSquares = 0.0;
        for (int i = 0; i < values.length; i++) {
            final double deviation = values[i] - mean;
            sumOfSquares += deviation * deviation;
        }
        return sumOfSquares / (values.length - 1);
    }

    /**
     * The {@code q}-th percentile as numpy's {@code percentile(values, q)}: the sorted values at positions
     * {@code 0 … n − 1}, linearly interpolated at position {@code q/100 · (n − 1)}.
     *
     * @param values the sample, at least one value (not changed).
     * @param q      the percentile, in [0, 100].
     * @return the percentile.
     */
    public static double percentile(final double[] values, final double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a percentile needs at least one value");
        }
        if (!(q >= 0.0 && q <= 100.0)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], was " + q);
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final double position = q / 100.0 * (sorted.length - 1);
        final int below = (int) Math.floor(position);
        final int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * A mean over seeds as reports print it: {@code "mean ± std"} with one decimal, or for a single seed the value and
     * {@code "(1 seed)"}, since one seed has no spread to report (a "± 0.0" would claim one).
     *
     * @param mean  the mean over seeds.
     * @param std   the standard deviation over seeds (ignored for one seed).
     * @param seeds the number of seeds, ≥ 1.
     * @return the text.
     */
    public static String meanAndSpread(final double mean, final double std, final int seeds) {
        return seeds == 1 ? String.format(Locale.ROOT, "%.1f (1 seed)", mean)
            : String.format(Locale.ROOT, "%.1f ± %.1f", mean, std);
    }

    /**
     * @param values one value per seed, at least one.
     * @return {@link #meanAndSpread(double, double, int)} of their mean and population standard deviation.
     */
    public static String meanAndSpread(final double[] values) {
        return meanAndSpread(mean(values), std(values), values.length);
    }
}
