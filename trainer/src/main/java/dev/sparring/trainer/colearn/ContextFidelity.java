package dev.sparring.trainer.colearn;

import java.util.List;

/**
 * The fidelity of the context features over one set of robot pairs, as the paper measures it offline: the model
 * divergence m of each pair (Algorithm 1, {@link ModelDivergence}, fitted to the pair's windows) beside its context
 * distance D_C, and their Pearson and Spearman correlations ({@link Fidelity}). A supervisor measures it for its
 * window ({@code PartnerChooser}); {@code sparring fleet fidelity} for each window of a set of logs, and pooled over
 * the windows.
 *
 * @param m        m of each pair.
 * @param distance D_C of each pair, in the same order.
 */
public record ContextFidelity(double[] m, double[] distance) {
    /** The fewest pairs a correlation is computed from: below it both correlations are NaN. */
    public static final int MIN_PAIRS = 3;

    /**
     * Validates that m and D_C are paired.
     */
    public ContextFidelity {
        if (m.length != distance.length) {
            throw new IllegalArgumentException("m and D_C must hold one value per pair, had " + m.length + " and "
                + distance.length);
        }
    }

    /**
     * Fits each chosen robot's models and pairs m with D_C.
     *
     * @param windows  robots' windows, each long enough for {@link RobotModels#fit}, all of one layout.
     * @param robots   the indices of the robots to pair (those with context features).
     * @param distance        D_C indexed like {@code windows}.
     * @param correspondences the ρ the robots' description declares ({@link Correspondence#declaredBy}); none: the
     *                        identity alone.
     * @return the pairs of the chosen robots, in {@link Fidelity#pairs} order.
     */
    public static ContextFidelity of(final TransitionWindow[] windows, final int[] robots,
                                     final double[][] distance, final Correspondence... correspondences) {
        final int n = robots.length;
        if (n < 2) {
            return new ContextFidelity(new double[0], new double[0]);
        }
        final RobotModels[] models = new RobotModels[n];
        final double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            models[i] = RobotModels.fit(windows[robots[i]]);
            for (int j = 0; j < n; j++) {
                d[i][j] = distance[robots[i]][robots[j]];
            }
        }
        final double[][] m = ModelDivergence.matrix(models, ModelDivergence.DEFAULT_LAMBDA,
            correspondences.length > 0 ? correspondences : new Correspondence[] {Correspondence.identity(
                windows[robots[0]].observationSize(), windows[robots[0]].actionSize())});
        return new ContextFidelity(Fidelity.pairs(m), Fidelity.pairs(d));
    }

    /**
     * @param parts fidelities of several windows.
     * @return all their pairs together.
     */
    public static ContextFidelity pooled(final List<ContextFidelity> parts) {
        int count = 0;
        for (final ContextFidelity part : parts) {
            count += part.pairs();
        }
        final double[] m = new double[count];
        final double[] distance = new double[count];
        int at = 0;
        for (final ContextFidelity part : parts) {
            System.arraycopy(part.m, 0, m, at, part.pairs());
            System.arraycopy(part.distance, 0, distance, at, part.pairs());
            at += part.pairs();
        }
        return new ContextFidelity(m, distance);
    }

    /**
     * @return the number of pairs.
     */
    public int pairs() {
        return m.length;
    }

    /**
     * @return Pearson's r of m with D_C; NaN below {@link #MIN_PAIRS} pairs or when either is constant.
     */
    public double pearson() {
        return pairs() < MIN_PAIRS ? Double.NaN : Fidelity.pearson(m, distance);
    }

    /**
     * @return Spearman's ρ of m with D_C; NaN below {@link #MIN_PAIRS} pairs or when either is constant.
     */
    public double spearman() {
        return pairs() < MIN_PAIRS ? Double.NaN : Fidelity.spearman(m, distance);
    }
}
