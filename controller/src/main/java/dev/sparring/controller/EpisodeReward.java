package dev.sparring.controller;

import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.hal.RobotState;

/**
 * The task reward the robot can compute on board, summed into an episode return for the run summary and the
 * experience log. {@code alive}: +1 per tick while |channel| &lt;= maxAbs; the episode terminates the first tick it
 * is exceeded and the return stops growing (the loop goes on: a robot is not reset by its reward).
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
        if (!(Math.abs(channel.read(state)) <= maxAbs)) {
            terminated = true;
            return 0.0;
        }
        steps++;
        episodeReturn += 1.0;
        return 1.0;
    }

    /**
     * @return the sum of rewards so far.
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
