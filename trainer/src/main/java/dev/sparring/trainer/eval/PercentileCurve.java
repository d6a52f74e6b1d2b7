package dev.sparring.trainer.eval;

/**
 * A metric's median and a percentile band over seeds at common environment steps
 * ({@link LearningCurves#percentiles}).
 *
 * @param steps          the common steps, increasing.
 * @param median         the median over seeds at each step.
 * @param low            the lower percentile over seeds at each step.
 * @param high           the upper percentile over seeds at each step.
 * @param lowPercentile  which percentile {@code low} is, e.g. 25.
 * @param highPercentile which percentile {@code high} is, e.g. 75.
 * @param seeds          the number of seeds aggregated.
 */
public record PercentileCurve(double[] steps, double[] median, double[] low, double[] high, double lowPercentile,
    double highPercentile, int seeds) {

    /** Copies the arrays and checks they are equally long. */
    public PercentileCurve {
        if (median.length != steps.length || low.length != steps.length || high.length != steps.length) {
            throw new IllegalArgumentException("a percentile curve needs as many values as steps");
        }
        steps = steps.clone();
        median = median.clone();
        low = low.clone();
        high = high.clone();
    }

    /**
     * @return the number of points.
     */
    public int size() {
        return steps.length;
    }
}
