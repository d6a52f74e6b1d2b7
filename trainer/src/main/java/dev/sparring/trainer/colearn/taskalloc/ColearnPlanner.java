package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.colearn.ContextFeatureExtractor;
import dev.sparring.trainer.colearn.SharingConfig;
import dev.sparring.trainer.colearn.SharingPlan;
import dev.sparring.trainer.colearn.SharingRound;
import dev.sparring.trainer.colearn.TransitionWindow;

/**
 * A supervisor's Dynamic Co-Learning step over its block ({@link SharingRound}, in the paper's order): each agent's
 * context features from its window ({@link TaskContextFeatures}), the normalised Euclidean distances between them,
 * groups by k-medoids with k chosen by silhouette in {@code [1, }{@value #K_MAX}{@code ]}, and {@code T} partner draws
 * per agent inside its group, favouring close agents. An agent without a tuple in the window is left out (no
 * features: it neither receives nor gives).
 */
public final class ColearnPlanner implements PartnerPlanner {
    /** The most groups tried by the silhouette. */
    public static final int K_MAX = 6;

    private final ContextFeatureExtractor extractor = new TaskContextFeatures();
    private final SharingConfig config;

    /**
     * @param temperature {@code T}: partner draws per agent.
     */
    public ColearnPlanner(final int temperature) {
        if (temperature < 1) {
            throw new IllegalArgumentException("partner temperature T must be >= 1, was " + temperature);
        }
        this.config = new SharingConfig(1, K_MAX, temperature);
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
        final SharingPlan plan = SharingRound.plan(transitions, extractor, config, random.nextLong(), random);
        for (int i = 0; i < block.length; i++) {
            System.arraycopy(plan.partners()[i], 0, partners[i], 0, block.length);
        }
    }
}
