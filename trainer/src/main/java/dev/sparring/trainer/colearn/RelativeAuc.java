package dev.sparring.trainer.colearn;

/**
 * The paper's comparison metric, relative area under the learning curve, for a cost curve (mean service time in
 * the task-allocation domain, the fleet's shortfall of return in the robot fleet:
 * lower is better). The area of a curve {@code c} over its buckets above a reference level {@code c*} is
 * {@code A(c) = Σ_b (c_b − c*)} (bucket widths are equal, so they cancel in every ratio), and
 * {@code relative AUC = A(method) / A(independent)} on the same seed: below 1 the method reached good service
 * sooner (or better) than independent learners. The reference {@code c*} is the seed's best final level: the lowest,
 * over the methods compared, of the mean of a curve's last {@value #FINAL_FRACTION_PERCENT} % of buckets. Without a
 * reference ({@code c* = 0}) the ratio is that of the plain areas under the curves, which counts the level every
 * method ends at and so pulls every ratio towards 1.
 */
public final class RelativeAuc {
    /** The share of a curve's last buckets whose mean is its final level, in percent. */
    public static final int FINAL_FRACTION_PERCENT = 10;

    private RelativeAuc() {
    }

    /**
     * @param curve     a cost curve.
     * @param reference {@code c*}.
     * @return {@code Σ_b (c_b − c*)}.
     */
    public static double area(final double[] curve, final double reference) {
        double sum = 0.0;
        for (int b = 0; b < curve.length; b++) {
            sum += curve[b] - reference;
        }
        return sum;
    }

    /**
     * @param curve a cost curve, at least one bucket.
     * @return the mean of its last {@value #FINAL_FRACTION_PERCENT} % of buckets (at least one).
     */
    public static double finalLevel(final double[] curve) {
        final int last = Math.max(1, (int) Math.ceil(curve.length * FINAL_FRACTION_PERCENT / 100.0));
        double sum = 0.0;
        for (int b = curve.length - last; b < curve.length; b++) {
            sum += curve[b];
        }
        return sum / last;
    }

    /**
     * @param curves the seed's curves of every method compared.
     * @return {@code c*}: the lowest final level among them.
     */
    public static double reference(final double[]... curves) {
        double best = Double.POSITIVE_INFINITY;
        for (final double[] curve : curves) {
            best = Math.min(best, finalLevel(curve));
        }
        return best;
    }

    /**
     * @param method      the method's curve.
     * @param independent independent learners' curve on the same seed.
     * @param reference   {@code c*}.
     * @return {@code A(method)/A(independent)}.
     */
    public static double relative(final double[] method, final double[] independent, final double reference) {
        return area(method, reference) / area(independent, reference);
    }
}
