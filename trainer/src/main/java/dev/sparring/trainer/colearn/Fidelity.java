package dev.sparring.trainer.colearn;

import java.util.Arrays;

/**
 * The fidelity of context features, as the paper measures it offline: the correlation, over robot pairs, between the
 * estimated model divergence m ({@link ModelDivergence}) and the context distance D_C. Pearson's r for a linear
 * relation, Spearman's ρ (Pearson's r of the ranks, ties given their mean rank) for any monotone one.
 */
public final class Fidelity {
    private Fidelity() {
    }

    /**
     * The fidelity check a supervisor runs each window beside its plan: the models of every robot with features,
     * m over every pair of them (O(n²) divergences) and its correlation with the plan's D_C.
     *
     * @param windows the robots' windows the plan was made from.
     * @param plan    the window's plan.
     * @return Pearson's r and Spearman's ρ of m against D_C over the pairs of robots with features; NaN, NaN when
     *     there are fewer than three such robots.
     */
    public static double[] of(final TransitionWindow[] windows, final SharingPlan plan) {
        final int[] robots = plan.features().sufficientRobots();
        if (robots.length < 3) {
            return new double[] {Double.NaN, Double.NaN};
        }
        final RobotModels[] models = new RobotModels[robots.length];
        final double[][] distance = new double[robots.length][robots.length];
        for (int i = 0; i < robots.length; i++) {
            models[i] = RobotModels.fit(windows[robots[i]]);
            for (int j = 0; j < robots.length; j++) {
                distance[i][j] = plan.distance()[robots[i]][robots[j]];
            }
        }
        final TransitionWindow first = windows[robots[0]];
        final double[][] m = ModelDivergence.matrix(models, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {Correspondence.identity(first.observationSize(), first.actionSize())});
        final double[] mPairs = pairs(m);
        final double[] dPairs = pairs(distance);
        return new double[] {pearson(mPairs, dPairs), spearman(mPairs, dPairs)};
    }

    /**
     * @param x one sample.
     * @param y the other, as long, ≥ 2 values.
     * @return Pearson's r; NaN when either sample is constant.
     */
    public static double pearson(final double[] x, final double[] y) {
        final int n = requirePaired(x, y);
        double meanX = 0.0;
        double meanY = 0.0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0.0;
        double sxx = 0.0;
        double syy = 0.0;
        for (int i = 0; i < n; i++) {
            final double dx = x[i] - meanX;
            final double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0.0 || syy == 0.0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * @param x one sample.
     * @param y the other, as long, ≥ 2 values.
     * @return Spearman's rank correlation; NaN when either sample is constant.
     */
    public static double spearman(final double[] x, final double[] y) {
        requirePaired(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /**
     * Flattens the pairs of a symmetric matrix, for correlating m with D_C.
     *
     * @param matrix an n × n matrix.
     * @return its strict upper triangle, row by row: (0,1), (0,2), …, (n−2,n−1).
     */
    public static double[] pairs(final double[][] matrix) {
        final int n = matrix.length;
        final double[] values = new double[n * (n - 1) / 2];
        int at = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                values[at++] = matrix[a][b];
            }
        }
        return values;
    }

    /**
     * @param values a sample.
     * @return the ranks 1..n, ties given the mean of the ranks they span.
     */
    static double[] ranks(final double[] values) {
        final int n = values.length;
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        final double[] rank = new double[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            final double mean = (start + end) / 2.0 + 1.0;
            for (int i = start; i <= end; i++) {
                rank[order[i]] = mean;
            }
            start = end + 1;
        }
        return rank;
    }

    private static int requirePaired(final double[] x, final double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("samples must be paired and hold at least 2 values, had " + x.length
                + " and " + y.length);
        }
        return x.length;
    }
}
