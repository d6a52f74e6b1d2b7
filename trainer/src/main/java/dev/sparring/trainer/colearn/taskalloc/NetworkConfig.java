package dev.sparring.trainer.colearn.taskalloc;

import java.util.List;

/**
 * The task-allocation network's settings: the grid, the hidden agent types (each agent draws one uniformly at
 * random, with the run's seed), the task sizes, the hop delay and the routing capacity.
 *
 * @param rows            grid rows.
 * @param cols            grid columns.
 * @param types           the hidden types agents are drawn from, uniformly; at least one.
 * @param minWork         the least work a task needs (work units; sizes are uniform integers in
 *                        {@code [minWork, maxWork]}).
 * @param maxWork         the most work a task needs.
 * @param hopDelay        time units a forwarded task spends on the link before it reaches the neighbour's routing
 *                        queue, ≥ 1.
 * @param routingCapacity tasks an agent takes from its routing queue and decides on per time unit, ≥ 1.
 */
public record NetworkConfig(int rows, int cols, List<AgentType> types, int minWork, int maxWork, int hopDelay,
    int routingCapacity) {
    /** The default heterogeneous types: fast or slow (μ 1.0 or 0.3), lightly or heavily loaded (λ 0.1 or 0.4). */
    public static final List<AgentType> HETEROGENEOUS = List.of(
        new AgentType("fast-light", 1.0, 0.1),
        new AgentType("fast-heavy", 1.0, 0.4),
        new AgentType("slow-light", 0.3, 0.1),
        new AgentType("slow-heavy", 0.3, 0.4));

    /**
     * Validates every field.
     */
    public NetworkConfig {
        types = List.copyOf(types);
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be ≥ 1, were " + rows + " and " + cols);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types must hold at least one agent type");
        }
        if (minWork < 1 || maxWork < minWork) {
            throw new IllegalArgumentException("task work must satisfy 1 ≤ minWork ≤ maxWork, was " + minWork + " and "
                + maxWork);
        }
        if (hopDelay < 1) {
            throw new IllegalArgumentException("hopDelay must be ≥ 1, was " + hopDelay);
        }
        if (routingCapacity < 1) {
            throw new IllegalArgumentException("routingCapacity must be ≥ 1, was " + routingCapacity);
        }
    }

    /**
     * @param agents a square number of agents.
     * @return the study's network: a square grid, {@link #HETEROGENEOUS} types, work 1–3, hop delay 1, routing
     *     capacity 2.
     */
    public static NetworkConfig heterogeneous(final int agents) {
        final GridNetwork grid = GridNetwork.square(agents);
        return new NetworkConfig(grid.rows(), grid.cols(), HETEROGENEOUS, 1, 3, 1, 2);
    }

    /**
     * @param types the types to draw from instead.
     * @return this configuration with other types.
     */
    public NetworkConfig withTypes(final List<AgentType> types) {
        return new NetworkConfig(rows, cols, types, minWork, maxWork, hopDelay, routingCapacity);
    }

    /**
     * @return the number of agents.
     */
    public int agents() {
        return rows * cols;
    }
}
