package dev.sparring.trainer.colearn;

import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;

/**
 * Partitions robots into k sharing groups from their distances alone, by k-medoids (Kaufman and Rousseeuw's PAM):
 * each group is represented by one of its robots, its medoid, and the partition minimises the sum of every robot's
 * distance to its nearest medoid. Medoids rather than k-means' centroids, because D_C is only given as a matrix and a
 * medoid is an actual robot, robust to an outlying one.
 * <p>
 * The search starts from PAM's greedy BUILD and from {@value #SEEDED_STARTS} k-medoids++ starts (medoids drawn with
 * probability proportional to the distance to the nearest chosen one, from the seed), improves each by PAM's SWAP
 * (the best exchange of a medoid and a non-medoid, while it lowers the cost) and keeps the cheapest. k may be chosen by
 * the mean silhouette width ({@link #clusterBySilhouette}).
 */
public final class KMedoids {
    /** The number of seeded k-medoids++ starts besides BUILD's. */
    public static final int SEEDED_STARTS = 4;
    /**
     * Silhouette below which a partition has no substantial structure (Kaufman and Rousseeuw): when k = 1 is
     * allowed, it is chosen if no k ≥ 2 reaches this.
     */
    public static final double NO_STRUCTURE_SILHOUETTE = 0.25;

    private static final double IMPROVEMENT = 1e-12;

    private KMedoids() {
    }

    /**
     * @param distance the symmetric matrix of distances between n robots.
     * @param k        the number of groups, 1 ≤ k ≤ n.
     * @param seed     the seed of the k-medoids++ starts.
     * @return the cheapest partition found, with its silhouette.
     */
    public static Clustering cluster(final double[][] distance, final int k, final long seed) {
        final int n = requireSquare(distance);
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        int[] best = swap(distance, build(distance, k));
        double bestCost = cost(distance, best);
        final SplitMix64 random = new SplitMix64(seed);
        for (int start = 0; start < SEEDED_STARTS; start++) {
            final int[] medoids = swap(distance, plusPlus(distance, k, random));
            final double medoidsCost = cost(distance, medoids);
            if (medoidsCost < bestCost - IMPROVEMENT) {
                best = medoids;
                bestCost = medoidsCost;
            }
        }
        final int[] groupOf = canonical(assign(distance, best));
        return new Clustering(groupOf, k, silhouette(distance, groupOf, k));
    }

    /**
     * Chooses k by the mean silhouette width: the k in [max(2, kMin), kMax] whose partition has the largest (the
     * smallest such k on a tie). When kMin = 1, a single group is returned if no k ≥ 2 reaches
     * {@value #NO_STRUCTURE_SILHOUETTE}, since a silhouette cannot be computed for one group.
     *
     * @param distance the symmetric matrix of distances between n robots.
     * @param kMin     the fewest groups, ≥ 1.
     * @param kMax     the most groups, kMin ≤ kMax ≤ n.
     * @param seed     the seed of the k-medoids++ starts.
     * @return the chosen partition.
     */
    public static Clustering clusterBySilhouette(final double[][] distance, final int kMin, final int kMax,
                                                 final long seed) {
        final int n = requireSquare(distance);
        if (kMin < 1 || kMax < kMin || kMax > n) {
            throw new IllegalArgumentException("need 1 <= kMin <= kMax <= " + n + ", were " + kMin + " and " + kMax);
        }
        Clustering best = null;
        for (int k = Math.max(2, kMin); k <= kMax; k++) {
            final Clustering clustering = cluster(distance, k, seed);
            if (best == null || clustering.silhouette() > best.silhouette()) {
                best = clustering;
            }
        }
        if (kMin == 1 && (best == null || best.silhouette() < NO_STRUCTURE_SILHOUETTE)) {
            return cluster(distance, 1, seed);
        }
        return best;
    }

    /**
     * The mean silhouette width: for robot i in group A, {@code s(i) = (b − a)/max(a, b)} with a the mean distance to
     * the rest of A and b the smallest mean distance to another group; s(i) = 0 when A is i alone.
     *
     * @param distance the distances.
     * @param groupOf  each robot's group, 0..k−1.
     * @param k        the number of groups.
     * @return the mean of s(i) over the robots, 0 when k = 1.
     */
    public static double silhouette(final double[][] distance, final int[] groupOf, final int k) {
        final int n = groupOf.length;
        if (k < 2) {
            return 0.0;
        }
        final int[] size = new int[k];
        for (final int group : groupOf) {
            size[group]++;
        }
        final double[] sum = new double[k];
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            final int own = groupOf[i];
            if (size[own] == 1) {
                continue;
            }
            Arrays.fill(sum, 0.0);
            for (int j = 0; j < n; j++) {
                sum[groupOf[j]] += distance[i][j];
            }
            final double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int g = 0; g < k; g++) {
                if (g != own && size[g] > 0) {
                    b = Math.min(b, sum[g] / size[g]);
                }
            }
            final double largest = Math.max(a, b);
            total += largest > 0.0 ? (b - a) / largest : 0.0;
        }
        return total / n;
    }

    private static int[] build(final double[][] distance, final int k) {
        final int n = distance.length;
        final int[] medoids = new int[k];
        final double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        final boolean[] chosen = new boolean[n];
        for (int m = 0; m < k; m++) {
            int bestCandidate = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (chosen[c]) {
                    continue;
                }
                double candidateCost = 0.0;
                for (int j = 0; j < n; j++) {
                    candidateCost += Math.min(nearest[j], distance[c][j]);
                }
                if (candidateCost < bestCost) {
                    bestCost = candidateCost;
                    bestCandidate = c;
                }
            }
            medoids[m] = bestCandidate;
            chosen[bestCandidate] = true;
            for (int j = 0; j < n; j++) {
                nearest[j] = Math.min(nearest[j], distance[bestCandidate][j]);
            }
        }
        return medoids;
    }

    private static int[] plusPlus(final double[][] distance, final int k, final SplitMix64 random) {
        final int n = distance.length;
        final int[] medoids = new int[k];
        final boolean[] chosen = new boolean[n];
        final double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int next = random.nextInt(n);
        for (int m = 0; m < k; m++) {
            medoids[m] = next;
            chosen[next] = true;
            double total = 0.0;
            for (int j = 0; j < n; j++) {
                nearest[j] = Math.min(nearest[j], distance[next][j]);
                if (!chosen[j]) {
                    total += nearest[j];
                }
            }
            if (m + 1 == k) {
                break;
            }
            next = -1;
            if (total > 0.0) {
                double u = random.nextDouble() * total;
                for (int j = 0; j < n; j++) {
                    if (!chosen[j]) {
                        u -= nearest[j];
                        next = j;
                        if (u < 0.0) {
                            break;
                        }
                    }
                }
            }
            if (next < 0 || chosen[next]) {
                // Every remaining robot coincides with a medoid: take any of them, uniformly.
                int remaining = random.nextInt(n - m - 1);
                for (int j = 0; j < n; j++) {
                    if (!chosen[j] && remaining-- == 0) {
                        next = j;
                        break;
                    }
                }
            }
        }
        return medoids;
    }

    private static int[] swap(final double[][] distance, final int[] medoids) {
        final int n = distance.length;
        final int k = medoids.length;
        final boolean[] isMedoid = new boolean[n];
        for (final int m : medoids) {
            isMedoid[m] = true;
        }
        final int[] nearestMedoid = new int[n];
        final double[] nearest = new double[n];
        final double[] second = new double[n];
        while (true) {
            for (int j = 0; j < n; j++) {
                nearest[j] = Double.POSITIVE_INFINITY;
                second[j] = Double.POSITIVE_INFINITY;
                for (int m = 0; m < k; m++) {
                    final double d = distance[medoids[m]][j];
                    if (d < nearest[j]) {
                        second[j] = nearest[j];
                        nearest[j] = d;
                        nearestMedoid[j] = m;
                    } else if (d < second[j]) {
                        second[j] = d;
                    }
                }
            }
            double bestDelta = -IMPROVEMENT;
            int bestOut = -1;
            int bestIn = -1;
            for (int m = 0; m < k; m++) {
                for (int h = 0; h < n; h++) {
                    if (isMedoid[h]) {
                        continue;
                    }
                    double delta = 0.0;
                    for (int j = 0; j < n; j++) {
                        final double toCandidate = distance[h][j];
                        if (nearestMedoid[j] == m) {
                            delta += Math.min(toCandidate, second[j]) - nearest[j];
                        } else if (toCandidate < nearest[j]) {
                            delta += toCandidate - nearest[j];
                        }
                    }
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestOut = m;
                        bestIn = h;
                    }
                }
            }
            if (bestOut < 0) {
                return medoids;
            }
            isMedoid[medoids[bestOut]] = false;
            isMedoid[bestIn] = true;
            medoids[bestOut] = bestIn;
        }
    }

    private static int[] assign(final double[][] distance, final int[] medoids) {
        final int n = distance.length;
        final int[] groupOf = new int[n];
        for (int j = 0; j < n; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int m = 0; m < medoids.length; m++) {
                if (medoids[m] == j) {
                    nearest = Double.NEGATIVE_INFINITY;
                    groupOf[j] = m;
                } else if (distance[medoids[m]][j] < nearest) {
                    nearest = distance[medoids[m]][j];
                    groupOf[j] = m;
                }
            }
        }
        return groupOf;
    }

    private static double cost(final double[][] distance, final int[] medoids) {
        double total = 0.0;
        for (int j = 0; j < distance.length; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (final int m : medoids) {
                nearest = Math.min(nearest, distance[m][j]);
            }
            total += nearest;
        }
        return total;
    }

    private static int[] canonical(final int[] labels) {
        final int[] relabel = new int[labels.length];
        Arrays.fill(relabel, -1);
        final int[] groupOf = new int[labels.length];
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            if (relabel[labels[i]] < 0) {
                relabel[labels[i]] = next++;
            }
            groupOf[i] = relabel[labels[i]];
        }
        return groupOf;
    }

    private static int requireSquare(final double[][] distance) {
        final int n = distance.length;
        if (n == 0) {
            throw new IllegalArgumentException("distance must describe at least one robot");
        }
        for (int i = 0; i < n; i++) {
            if (distance[i].length != n) {
                throw new IllegalArgumentException("distance must be square, row " + i + " has " + distance[i].length
                    + " values for " + n + " robots");
            }
        }
        return n;
    }
}
