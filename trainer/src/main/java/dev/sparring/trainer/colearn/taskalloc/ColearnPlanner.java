package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.colearn.Clustering;
import dev.sparring.trainer.colearn.ContextDistance;
import dev.sparring.trainer.colearn.ContextFeatureExtractor;
import dev.sparring.trainer.colearn.ContextFeatures;
import dev.sparring.trainer.colearn.KMedoids;
import dev.sparring.trainer.colearn.PartnerSelection;
import dev.sparring.trainer.colearn.TransitionWindow;

/**
 * A supervisor's Dynamic Co-Learning step over its block, in the paper's order: each agent's context features from
 * its window ({@link TaskContextFeatures}), the normalised Euclidean distances between them
 * ({@link ContextDistance}), groups by k-medoids with k chosen by silhouette in {@code [1, kMax]}
 * ({@link KMedoids}), and {@code T} partner draws per agent inside its group, favouring close agents
 * ({@link PartnerSelection}). An agent without a tuple in the window is left out (no features: it neither receives
 * nor gives).
 */
public final class ColearnPlanner implements PartnerPlanner {
    /** The most groups tried by the silhouette. */
    public static final int K_MAX = 6;

    private final ContextFeatureExtractor extractor = new TaskContextFeatures();
    private final int temperature;

    /**
     * @param temperature {@code T}: partner draws per agent.
     */
    public ColearnPlanner(final int temperature) {
        if (temperature < 1) {
            throw new IllegalArgumentException("partner temperature T must be >= 1, was " + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    public void plan(final int[] block, final ExperienceWindows windows, final SplitMix64 random,
        final boolean[][] partners) {
        final TransitionWindow[] transitions = new TransitionWindow[block.length];
        for (int i = 0; i < block.length; i++) {
            final int agent = block[i];
            transitions[i] = new TransitionWindow(windows.count(agent), TaskNetwork.OBSERVATION_SIZE, 1,
                windows.observations(agent), windows.actions(agent), windows.rewards(agent),
                windows.nextObservations(agent));
        }
        final ContextFeatures context = ContextFeatures.extract(extractor, transitions);
        final int[] members = context.sufficientRobots();
        final int m = members.length;
        if (m < 2) {
            return;
        }
        final double[][] features = new double[m][];
        for (int i = 0; i < m; i++) {
            features[i] = context.features()[members[i]];
        }
        final double[][] distance = ContextDistance.normalisedEuclidean(features);
        final Clustering clustering = KMedoids.clusterBySilhouette(distance, 1, Math.min(K_MAX, m), random.nextLong());
        final boolean[][] drawn = new boolean[m][m];
        PartnerSelection.draw(distance, clustering.groupOf(), temperature, random, drawn);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                partners[members[i]][members[j]] = drawn[i][j];
            }
        }
    }
}
