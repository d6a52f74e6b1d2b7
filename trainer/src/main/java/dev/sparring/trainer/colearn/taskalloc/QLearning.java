package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;

/**
 * Every agent's tabular Q-learning (Watkins): one table {@code Q(s, a)} per agent over {@link StateCoder}'s states
 * and {@link GridNetwork}'s actions, initialised to 0 (optimistic, since rewards are negative), updated by
 * {@code Q(s,a) ← Q(s,a) + α (r + γ max_{a′ valid} Q(s′,a′) − Q(s,a))}, acting by {@link Softmax} with temperature
 * {@code τ}. Q-learning is off-policy, so a partner's tuples are replayed by the same update, without importance
 * weights (whatever the partner's behaviour, the target is the greedy value).
 */
public final class QLearning implements TaskRouter {
    private final int agents;
    private final double alpha;
    private final double gamma;
    private final double tau;
    private final double[] q;
    private final int[] validMask;
    private final SplitMix64 random;
    private final double[] probability = new double[GridNetwork.ACTIONS];
    private long updates;

    /**
     * @param grid   the network, for the agents' valid actions.
     * @param alpha  the learning rate {@code α ∈ (0, 1]}.
     * @param gamma  the discount {@code γ ∈ [0, 1)}.
     * @param tau    the softmax temperature {@code τ > 0} (reward units: time units).
     * @param random the exploration stream.
     */
    public QLearning(final GridNetwork grid, final double alpha, final double gamma, final double tau,
        final SplitMix64 random) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        if (!(gamma >= 0.0 && gamma < 1.0)) {
            throw new IllegalArgumentException("gamma must be in [0, 1), was " + gamma);
        }
        if (!(tau > 0.0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be > 0, was " + tau);
        }
        this.agents = grid.agents();
        this.alpha = alpha;
        this.gamma = gamma;
        this.tau = tau;
        this.q = new double[agents * StateCoder.STATES * GridNetwork.ACTIONS];
        this.validMask = new int[agents];
        for (int agent = 0; agent < agents; agent++) {
            validMask[agent] = grid.validMask(agent);
        }
        this.random = random;
    }

    @Override
    public int decide(final int agent, final double[] observation, final int mask) {
        final int offset = offset(agent, StateCoder.state(observation));
        Softmax.probabilities(q, offset, GridNetwork.ACTIONS, mask, tau, probability);
        return Softmax.sample(probability, GridNetwork.ACTIONS, random.nextDouble());
    }

    /**
     * One Q-learning update of an agent's table (its own experience or a partner's, replayed).
     *
     * @param agent     whose table.
     * @param s         the state.
     * @param a         the action.
     * @param r         the reward.
     * @param nextState the next state {@code s′}.
     */
    public void update(final int agent, final int s, final int a, final double r, final int nextState) {
        final int mask = validMask[agent];
        final int next = offset(agent, nextState);
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < GridNetwork.ACTIONS; b++) {
            if ((mask & 1 << b) != 0 && q[next + b] > max) {
                max = q[next + b];
            }
        }
        final int index = offset(agent, s) + a;
        q[index] += alpha * (r + gamma * max - q[index]);
        updates++;
    }

    /**
     * @param agent an agent.
     * @param s     a state.
     * @param a     an action.
     * @return {@code Q(s, a)} of the agent.
     */
    public double q(final int agent, final int s, final int a) {
        return q[offset(agent, s) + a];
    }

    /**
     * @return updates made so far (own and replayed).
     */
    public long updates() {
        return updates;
    }

    private static int offset(final int agent, final int s) {
        return (agent * StateCoder.STATES + s) * GridNetwork.ACTIONS;
    }
}
