package dev.sparring.trainer.colearn;

import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;

/**
 * Selection of sharing partners, the paper's Algorithm 2: inside its group, robot a draws T partners from a
 * categorical distribution that favours close robots,
 * <pre>
 *   p_ab = e^(−D_C(a, b)) / Σ_{c ∈ G(a), c ≠ a} e^(−D_C(a, c))      for b ∈ G(a), b ≠ a,
 * </pre>
 * so b is drawn at least once, and becomes a's partner, with probability
 * {@code P_ab = 1 − (1 − p_ab)^T = Σ_{t=1..T} C(T, t) p_ab^t (1 − p_ab)^(T−t)}. Sharing is directed: a receives b's
 * tuples, and b need not receive a's.
 * <p>
 * The paper writes the softmax as exp of the distances, which would favour the most distant robots of the group,
 * against the method's intent of sharing between similar contexts; we take the evident intent and use −D_C. A robot
 * whose group is negative (left out of this window, for example for want of data) has no partners and is nobody's
 * partner; a robot alone in its group has none.
 */
public final class PartnerSelection {
    private PartnerSelection() {
    }

    /**
     * @param distance    D_C between the n robots.
     * @param groupOf     each robot's group, negative for a robot left out.
     * @param temperature T, the number of draws, ≥ 0.
     * @return P[a][b] for b in a's group, b ≠ a; 0 elsewhere.
     */
    public static double[][] probabilities(final double[][] distance, final int[] groupOf, final int temperature) {
        final int n = requireShapes(distance, groupOf, temperature);
        final double[][] probability = new double[n][n];
        final double[] p = new double[n];
        for (int a = 0; a < n; a++) {
            if (softmax(distance, groupOf, a, p)) {
                for (int b = 0; b < n; b++) {
                    // 1 − (1 − p)^T, accurate for small p.
                    probability[a][b] = p[b] > 0.0 ? -Math.expm1(temperature * Math.log1p(-p[b])) : 0.0;
                }
            }
        }
        return probability;
    }

    /**
     * Draws a's partners for every robot a: T categorical draws from p_a, so b is drawn with marginal probability
     * P[a][b].
     *
     * @param distance    D_C between the n robots.
     * @param groupOf     each robot's group, negative for a robot left out.
     * @param temperature T, the number of draws, ≥ 0.
     * @param random      the draws' generator.
     * @param partners    n × n; row a is cleared, then partners[a][b] set true for each b drawn.
     */
    public static void draw(final double[][] distance, final int[] groupOf, final int temperature,
                            final SplitMix64 random, final boolean[][] partners) {
        final int n = requireShapes(distance, groupOf, temperature);
        if (partners.length != n) {
            throw new IllegalArgumentException("partners must have " + n + " rows, had " + partners.length);
        }
        final double[] p = new double[n];
        for (int a = 0; a < n; a++) {
            final boolean[] row = partners[a];
            if (row.length != n) {
                throw new IllegalArgumentException("partners row " + a + " must have " + n + " values");
            }
            Arrays.fill(row, false);
            if (!softmax(distance, groupOf, a, p)) {
                continue;
            }
            int last = -1;
            for (int b = 0; b < n; b++) {
                if (p[b] > 0.0) {
                    last = b;
                }
            }
            for (int t = 0; t < temperature; t++) {
                double u = random.nextDouble();
                int drawn = last;
                for (int b = 0; b < last; b++) {
                    u -= p[b];
                    if (u < 0.0 && p[b] > 0.0) {
                        drawn = b;
                        break;
                    }
                }
                row[drawn] = true;
            }
        }
    }

    /**
     * Writes p_a into {@code p} (0 outside a's group and at a).
     *
     * @return whether a has any candidate partner.
     */
    private static boolean softmax(final double[][] distance, final int[] groupOf, final int a, final double[] p) {
        final int n = groupOf.length;
        final int group = groupOf[a];
        double nearest = Double.POSITIVE_INFINITY;
        for (int b = 0; b < n; b++) {
            p[b] = 0.0;
            if (group >= 0 && b != a && groupOf[b] == group) {
                nearest = Math.min(nearest, distance[a][b]);
            }
        }
        if (nearest == Double.POSITIVE_INFINITY) {
            return false;
        }
        double sum = 0.0;
        for (int b = 0; b < n; b++) {
            if (b != a && groupOf[b] == group) {
                // Shifted by the smallest distance, so the largest weight is 1 and nothing underflows to 0/0.
                p[b] = Math.exp(-(distance[a][b] - nearest));
                sum += p[b];
            }
        }
        for (int b = 0; b < n; b++) {
            p[b] /= sum;
        }
        return true;
    }

    private static int requireShapes(final double[][] distance, final int[] groupOf, final int temperature) {
        final int n = groupOf.length;
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature T must be >= 0, was " + temperature);
        }
        if (distance.length != n) {
            throw new IllegalArgumentException("distance must have " + n + " rows, had " + distance.length);
        }
        for (int i = 0; i < n; i++) {
            if (distance[i].length != n) {
                throw new IllegalArgumentException("distance row " + i + " must have " + n + " values");
            }
        }
        return n;
    }
}
