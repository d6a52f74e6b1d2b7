package dev.sparring.trainer.colearn.taskalloc;

/**
 * The static assignment of agents to {@code S} supervisors: each owns a fixed, contiguous block of the grid. When
 * {@code S = s²} is a square the grid is tiled {@code s × s} (rows and columns split as evenly as integers allow:
 * 10 rows into 3 gives 4, 3, 3); otherwise the agents are split in row-major order into {@code S} runs of nearly
 * equal length.
 */
public final class SupervisorBlocks {
    private SupervisorBlocks() {
    }

    /**
     * @param grid        the network.
     * @param supervisors {@code S}, in [1, agents].
     * @return per supervisor, its agents in increasing order; every agent is in exactly one block.
     */
    public static int[][] partition(final GridNetwork grid, final int supervisors) {
        final int n = grid.agents();
        if (supervisors < 1 || supervisors > n) {
            throw new IllegalArgumentException("supervisors must be in [1, " + n + "], was " + supervisors);
        }
        final int side = (int) Math.round(Math.sqrt(supervisors));
        final int[] blockOf = new int[n];
        if (side * side == supervisors && side <= grid.rows() && side <= grid.cols()) {
            for (int agent = 0; agent < n; agent++) {
                final int r = agent / grid.cols();
                final int c = agent % grid.cols();
                blockOf[agent] = split(r, grid.rows(), side) * side + split(c, grid.cols(), side);
            }
        } else {
            for (int agent = 0; agent < n; agent++) {
                blockOf[agent] = split(agent, n, supervisors);
            }
        }
        final int[] size = new int[supervisors];
        for (int agent = 0; agent < n; agent++) {
            size[blockOf[agent]]++;
        }
        final int[][] blocks = new int[supervisors][];
        for (int b = 0; b < supervisors; b++) {
            blocks[b] = new int[size[b]];
            size[b] = 0;
        }
        for (int agent = 0; agent < n; agent++) {
            final int b = blockOf[agent];
            blocks[b][size[b]++] = agent;
        }
        return blocks;
    }

    /**
     * @param index an index in [0, length).
     * @param length the length split.
     * @param parts  the number of parts, ≤ length.
     * @return the part of {@code index} when {@code length} is split into {@code parts} runs, the first
     *     {@code length mod parts} one longer.
     */
    static int split(final int index, final int length, final int parts) {
        final int base = length / parts;
        final int longer = length % parts;
        final int boundary = longer * (base + 1);
        return index < boundary ? index / (base + 1) : longer + (index - boundary) / base;
    }
}
