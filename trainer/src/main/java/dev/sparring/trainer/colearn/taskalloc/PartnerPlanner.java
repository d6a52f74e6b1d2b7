package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;

/**
 * A supervisor's choice of sharing partners for the agents of its block at a window's end.
 */
@FunctionalInterface
public interface PartnerPlanner {
    /**
     * @param block    the supervisor's agents.
     * @param windows  every agent's tuples of the window.
     * @param random   the partner-draw stream.
     * @param partners receives {@code partners[i][j] = true} when block agent {@code i} replays block agent
     *                 {@code j}'s tuples ({@code block.length²}, cleared by the caller; the diagonal is ignored).
     */
    void plan(int[] block, ExperienceWindows windows, SplitMix64 random, boolean[][] partners);

    /**
     * @return a planner that pairs every agent with every other in its block.
     */
    static PartnerPlanner everyone() {
        return (block, windows, random, partners) -> {
            for (int i = 0; i < block.length; i++) {
                for (int j = 0; j < block.length; j++) {
                    partners[i][j] = i != j;
                }
            }
        };
    }

    /**
     * @param probability the chance that an agent takes another given agent of its block as a partner.
     * @return a planner of independent random partners.
     */
    static PartnerPlanner random(final double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("random partner probability must be in [0, 1], was " + probability);
        }
        return (block, windows, random, partners) -> {
            for (int i = 0; i < block.length; i++) {
                for (int j = 0; j < block.length; j++) {
                    partners[i][j] = i != j && random.nextDouble() < probability;
                }
            }
        };
    }
}
