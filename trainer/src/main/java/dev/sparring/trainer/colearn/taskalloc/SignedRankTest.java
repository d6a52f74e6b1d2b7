package dev.sparring.trainer.colearn.taskalloc;

/**
 * Wilcoxon's signed-rank test of paired differences {@code d_i} (method − baseline on the same seed), two-sided:
 * zeros are dropped, {@code |d_i|} ranked (ties take their mean rank), {@code W⁺} is the sum of the positive
 * differences' ranks, and the p-value is exact, {@code P(|W⁺ − E W⁺| ≥ |w⁺ − E W⁺|)} over all {@code 2ⁿ} equally
 * likely sign assignments under the null (scipy's {@code wilcoxon(d, method="exact")} when there are no ties), for up
 * to {@value #EXACT_MAX} non-zero pairs; beyond that, the normal approximation without continuity correction.
 *
 * @param n      the non-zero differences.
 * @param wPlus  {@code W⁺}.
 * @param p      the two-sided p-value (1 when {@code n = 0}).
 */
public record SignedRankTest(int n, double wPlus, double p) {
    /** The most pairs enumerated exactly. */
    public static final int EXACT_MAX = 20;

    /**
     * @param differences the paired differences.
     * @return the test.
     */
    public static SignedRankTest of(final double[] differences) {
        int n = 0;
        for (final double d : differences) {
            if (d != 0.0) {
                n++;
            }
        }
        final double[] magnitude = new double[n];
        final boolean[] positive = new boolean[n];
        int at = 0;
        for (final double d : differences) {
            if (d != 0.0) {
                magnitude[at] = Math.abs(d);
                positive[at++] = d > 0.0;
            }
        }
        if (n == 0) {
            return new SignedRankTest(0, 0.0, 1.0);
        }
        final double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int below = 0;
            int equal = 0;
            for (int j = 0; j < n; j++) {
                if (magnitude[j] < magnitude[i]) {
                    below++;
                } else if (magnitude[j] == magnitude[i]) {
                    equal++;
                }
            }
            rank[i] = below + (equal + 1) / 2.0;
        }
        double wPlus = 0.0;
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            total += rank[i];
            if (positive[i]) {
                wPlus += rank[i];
            }
        }
        final double centre = total / 2.0;
        final double observed = Math.abs(wPlus - centre) - 1e-9;
        if (n <= EXACT_MAX) {
            long extreme = 0;
            final long assignments = 1L << n;
            for (long signs = 0; signs < assignments; signs++) {
                double w = 0.0;
                for (int i = 0; i < n; i++) {
                    if ((signs >>> i & 1L) != 0) {
                        w += rank[i];
                    }
                }
                if (Math.abs(w - centre) >= observed) {
                    extreme++;
                }
            }
            return new SignedRankTest(n, wPlus, (double) extreme / assignments);
        }
        double variance = 0.0;
        for (int i = 0; i < n; i++) {
            variance += rank[i] * rank[i];
        }
        variance /= 4.0;
        final double z = Math.abs(wPlus - centre) / Math.sqrt(variance);
        return new SignedRankTest(n, wPlus, Math.min(1.0, 2.0 * normalSurvival(z)));
    }

    /** {@code P(Z > z)} for a standard normal, through the complementary error function (Numerical Recipes' erfc). */
    private static double normalSurvival(final double z) {
        final double x = z / Math.sqrt(2.0);
        final double t = 1.0 / (1.0 + 0.5 * x);
        final double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
            + t * 0.17087277)))))))));
        return 0.5 * erfc;
    }
}
