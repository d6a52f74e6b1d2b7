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
     * @param expectedPartners how many partners an agent takes on average: each other agent of a block of {@code m}
     *                         is a partner with probability {@code min(1, expectedPartners/(m − 1))}, independently.
     * @return a planner of random partners, as many on average as {@code expectedPartners}.
     */
    static PartnerPlanner random(final double expectedPartners) {
        if (!(expectedPartners >= 0.0) || !Double.isFinite(expectedPartners)) {
            throw new IllegalArgumentException("expected random partners must be >= 0, was " + expectedPartners);
        }
        return (block, windows, random, partners) -> {
            final double probability = block.length < 2 ? 0.0 : Math.min(1.0, expectedPartners / (block.length - 1));
            for (int i = 0; i < block.length; i++) {
                for (int j = 0; j < block.length; j++) {
                    partners[i][j] = i != j && random.nextDouble() < probability;
                }
            }
        };
    }
}
