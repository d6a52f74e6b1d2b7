package dev.sparring.trainer.eval;

/**
 * Mean and population standard deviation ({@code √(Σ(x − x̄)²/n)}, numpy's default {@code ddof=0}), the spread
 * every evaluation result and learning curve here reports.
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
}
