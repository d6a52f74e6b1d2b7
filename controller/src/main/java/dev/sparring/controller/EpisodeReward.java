package dev.sparring.controller;

import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.hal.RobotState;

/**
 * The task reward the robot can compute on board, summed into an episode return for the run summary and the
 * experience log. {@code alive}: +1 per tick while |channel| &lt;= maxAbs; the episode terminates the first tick it
 * is exceeded and the return stops growing. What the controller does then is the description's
 * {@code control.on_episode_end} ({@link EpisodeEnd}); {@link #restart()} begins the next episode's return.
 */
public final class EpisodeReward {
    private final StateChannel channel;
    private final double maxAbs;
    private double episodeReturn;
    private long steps;
    private boolean terminated;

    /**
     * @param channel the state channel watched.
     * @param maxAbs  largest |value| that still earns reward, &gt; 0.
     */
    public EpisodeReward(final StateChannel channel, final double maxAbs) {
        if (!(maxAbs > 0)) {
            throw new IllegalArgumentException("reward max_abs must be > 0, was " + maxAbs);
        }
        this.channel = channel;
        this.maxAbs = maxAbs;
    }

    /**
     * Scores one tick.
     *
     * @param state the state after the tick's read.
     * @return the reward of this tick (0 once terminated).
     */
    public double onTick(final RobotState state) {
        if (terminated) {
            return 0.0;
        }
        if (!withinBounds(state)) {
            terminated = true;
            return 0.0;
        }
        steps++;
        episodeReturn += 1.0;
        return 1.0;
    }

    /**
     * @param state a state.
     * @return whether |channel| &lt;= maxAbs in it (false for NaN).
     */
    public boolean withinBounds(final RobotState state) {
        return Math.abs(channel.read(state)) <= maxAbs;
    }

    /**
     * Begins a new episode: the return and step count start from 0 and the episode is no longer terminated.
     */
    public void restart() {
        episodeReturn = 0.0;
        steps = 0;
        terminated = false;
    }

    /**
     * @return the sum of rewards of the current (or last) episode so far.
     */
    public double episodeReturn() {
        return episodeReturn;
    }

    /**
     * @return ticks that earned reward.
     */
    public long steps() {
        return steps;
    }

    /**
     * @return whether the episode has terminated.
     */
    public boolean terminated() {
        return terminated;
    }

    /**
     * @return the watched channel's name.
     */
    public String channelName() {
        return channel.name();
    }
}
