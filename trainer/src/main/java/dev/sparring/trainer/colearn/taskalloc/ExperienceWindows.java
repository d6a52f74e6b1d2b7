package dev.sparring.trainer.colearn.taskalloc;

import java.util.Arrays;

/**
 * Each agent's experience tuples {@code (s, a, r, s′)} of the current window of {@code K} time units, in the order
 * they were received, with the raw observations they were coded from (context features read those). Cleared at
 * every window's end; the buffers keep their capacity.
 */
public final class ExperienceWindows {
    private static final int OBS = TaskNetwork.OBSERVATION_SIZE;

    private final int[] count;
    private int[][] state;
    private int[][] action;
    private int[][] nextState;
    private double[][] reward;
    private double[][] observation;
    private double[][] nextObservation;

    /**
     * @param agents the number of agents.
     */
    public ExperienceWindows(final int agents) {
        this.count = new int[agents];
        this.state = new int[agents][16];
        this.action = new int[agents][16];
        this.nextState = new int[agents][16];
        this.reward = new double[agents][16];
        this.observation = new double[agents][16 * OBS];
        this.nextObservation = new double[agents][16 * OBS];
    }

    /**
     * Appends a tuple to an agent's window.
     *
     * @param agent       the agent.
     * @param obs         the observation it was coded from.
     * @param s           its state.
     * @param a           the action.
     * @param r           the reward.
     * @param nextObs     the next observation.
     * @param sNext       the next state.
     */
    public void add(final int agent, final double[] obs, final int s, final int a, final double r,
        final double[] nextObs, final int sNext) {
        final int i = count[agent];
        if (i == state[agent].length) {
            grow(agent);
        }
        state[agent][i] = s;
        action[agent][i] = a;
        reward[agent][i] = r;
        nextState[agent][i] = sNext;
        System.arraycopy(obs, 0, observation[agent], i * OBS, OBS);
        System.arraycopy(nextObs, 0, nextObservation[agent], i * OBS, OBS);
        count[agent] = i + 1;
    }

    private void grow(final int agent) {
        final int size = state[agent].length * 2;
        state[agent] = Arrays.copyOf(state[agent], size);
        action[agent] = Arrays.copyOf(action[agent], size);
        reward[agent] = Arrays.copyOf(reward[agent], size);
        nextState[agent] = Arrays.copyOf(nextState[agent], size);
        observation[agent] = Arrays.copyOf(observation[agent], size * OBS);
        nextObservation[agent] = Arrays.copyOf(nextObservation[agent], size * OBS);
    }

    /** Empties every agent's window. */
    public void clear() {
        Arrays.fill(count, 0);
    }

    /**
     * @return the number of agents.
     */
    public int agents() {
        return count.length;
    }

    /**
     * @param agent an agent.
     * @return its tuples in this window.
     */
    public int count(final int agent) {
        return count[agent];
    }

    /**
     * @param agent an agent.
     * @param i     a tuple.
     * @return its state.
     */
    public int state(final int agent, final int i) {
        return state[agent][i];
    }

    /**
     * @param agent an agent.
     * @param i     a tuple.
     * @return its action.
     */
    public int action(final int agent, final int i) {
        return action[agent][i];
    }

    /**
     * @param agent an agent.
     * @param i     a tuple.
     * @return its reward.
     */
    public double reward(final int agent, final int i) {
        return reward[agent][i];
    }

    /**
     * @param agent an agent.
     * @param i     a tuple.
     * @return its next state.
     */
    public int nextState(final int agent, final int i) {
        return nextState[agent][i];
    }

    /**
     * @param agent an agent.
     * @param i     a tuple.
     * @param k     an observation index ({@link TaskNetwork}'s constants).
     * @return that value of the tuple's observation.
     */
    public double observation(final int agent, final int i, final int k) {
        return observation[agent][i * OBS + k];
    }

    /**
     * @param agent an agent.
     * @return a copy of its window's observations, {@code count × OBSERVATION_SIZE} values.
     */
    public double[] observations(final int agent) {
        return Arrays.copyOf(observation[agent], count[agent] * OBS);
    }

    /**
     * @param agent an agent.
     * @return a copy of its window's next observations.
     */
    public double[] nextObservations(final int agent) {
        return Arrays.copyOf(nextObservation[agent], count[agent] * OBS);
    }

    /**
     * @param agent an agent.
     * @return a copy of its window's actions, as numbers.
     */
    public double[] actions(final int agent) {
        final double[] actions = new double[count[agent]];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = action[agent][i];
        }
        return actions;
    }

    /**
     * @param agent an agent.
     * @return a copy of its window's rewards.
     */
    public double[] rewards(final int agent) {
        return Arrays.copyOf(reward[agent], count[agent]);
    }
}
