package dev.sparring.trainer.colearn;

import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;

/**
 * One supervisor step of Dynamic Co-Learning, in the paper's order: context features V_i of each robot's window, the
 * distances D_C, the sharing groups (k-medoids) and, inside them, the partners (Algorithm 2). A robot whose window is
 * too short for the features is left out of this window: no group, no partners, nobody's partner.
 */
public final class SharingRound {
    private SharingRound() {
    }

    /**
     * @param windows   each robot's window.
     * @param extractor the context features.
     * @param config    k's range and T.
     * @param seed      the seed of the clustering's starts.
     * @param random    the partner draws' generator.
     * @return the window's groups and partners.
     */
    public static SharingPlan plan(final TransitionWindow[] windows, final ContextFeatureExtractor extractor,
                                   final SharingConfig config, final long seed, final SplitMix64 random) {
        final int n = windows.length;
        final ContextFeatures features = ContextFeatures.extract(extractor, windows);
        final int[] robots = features.sufficientRobots();
        final int m = robots.length;
        final double[][] distance = new double[n][n];
        for (final double[] row : distance) {
            Arrays.fill(row, Double.NaN);
        }
        final int[] groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        int groups = 0;
        double silhouette = 0.0;
        if (m > 0) {
            final double[][] v = new double[m][];
            for (int i = 0; i < m; i++) {
                v[i] = features.features()[robots[i]];
            }
            final double[][] compact = ContextDistance.normalisedEuclidean(v);
            final int kMax = Math.min(config.kMax(), m);
            final int kMin = Math.min(config.kMin(), kMax);
            final Clustering clustering = kMin == kMax ? KMedoids.cluster(compact, kMin, seed)
                : KMedoids.clusterBySilhouette(compact, kMin, kMax, seed);
            for (int i = 0; i < m; i++) {
                groupOf[robots[i]] = clustering.groupOf()[i];
                for (int j = 0; j < m; j++) {
                    distance[robots[i]][robots[j]] = compact[i][j];
                }
            }
            groups = clustering.groups();
            silhouette = clustering.silhouette();
        }
        final boolean[][] partners = new boolean[n][n];
        PartnerSelection.draw(distance, groupOf, config.temperature(), random, partners);
        return new SharingPlan(features, distance, new Clustering(groupOf, groups, silhouette), partners);
    }
}
