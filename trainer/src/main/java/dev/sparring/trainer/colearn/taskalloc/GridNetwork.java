package dev.sparring.trainer.colearn.taskalloc;

/**
 * The topology: {@code rows × cols} agents on a grid, agent {@code r·cols + c}, each linked to its 4-neighbourhood.
 * An agent's actions are {@link #LOCAL} (process the task itself) or forward it north, east, south or west; a
 * direction off the grid is not a valid action ({@link #validMask}).
 */
public final class GridNetwork {
    /** Number of actions: local plus four directions. */
    public static final int ACTIONS = 5;
    /** Process the task in the agent's own processing queue. */
    public static final int LOCAL = 0;
    /** Forward to the agent above (row − 1). */
    public static final int NORTH = 1;
    /** Forward to the agent on the right (column + 1). */
    public static final int EAST = 2;
    /** Forward to the agent below (row + 1). */
    public static final int SOUTH = 3;
    /** Forward to the agent on the left (column − 1). */
    public static final int WEST = 4;
    /** Marks a missing neighbour. */
    public static final int NONE = -1;

    private final int rows;
    private final int cols;
    private final int[] neighbour;
    private final int[] validMask;

    /**
     * @param rows ≥ 1.
     * @param cols ≥ 1.
     */
    public GridNetwork(final int rows, final int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a grid needs at least 1 row and 1 column, was " + rows + " × " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        final int n = rows * cols;
        this.neighbour = new int[n * ACTIONS];
        this.validMask = new int[n];
        for (int agent = 0; agent < n; agent++) {
            final int r = agent / cols;
            final int c = agent % cols;
            neighbour[agent * ACTIONS + LOCAL] = agent;
            neighbour[agent * ACTIONS + NORTH] = r > 0 ? agent - cols : NONE;
            neighbour[agent * ACTIONS + EAST] = c < cols - 1 ? agent + 1 : NONE;
            neighbour[agent * ACTIONS + SOUTH] = r < rows - 1 ? agent + cols : NONE;
            neighbour[agent * ACTIONS + WEST] = c > 0 ? agent - 1 : NONE;
            int mask = 0;
            for (int a = 0; a < ACTIONS; a++) {
                if (neighbour[agent * ACTIONS + a] != NONE) {
                    mask |= 1 << a;
                }
            }
            validMask[agent] = mask;
        }
    }

    /**
     * @param agents a square number of agents (100, 324, 729, ...).
     * @return the square grid of that many agents.
     */
    public static GridNetwork square(final int agents) {
        final int side = (int) Math.round(Math.sqrt(agents));
        if (agents < 1 || side * side != agents) {
            throw new IllegalArgumentException("a square grid needs a square number of agents, was " + agents);
        }
        return new GridNetwork(side, side);
    }

    /**
     * @return the number of agents.
     */
    public int agents() {
        return rows * cols;
    }

    /**
     * @return rows.
     */
    public int rows() {
        return rows;
    }

    /**
     * @return columns.
     */
    public int cols() {
        return cols;
    }

    /**
     * @param agent  an agent.
     * @param action an action in [0, {@link #ACTIONS}).
     * @return the agent the action sends the task to ({@code agent} itself for {@link #LOCAL}), or {@link #NONE}.
     */
    public int target(final int agent, final int action) {
        return neighbour[agent * ACTIONS + action];
    }

    /**
     * @param agent an agent.
     * @return bit {@code a} set when action {@code a} is valid for it.
     */
    public int validMask(final int agent) {
        return validMask[agent];
    }
}
