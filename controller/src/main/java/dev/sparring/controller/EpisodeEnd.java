package dev.sparring.controller;

import java.util.Locale;

/**
 * What the controller does once an episode has ended, by a terminal state (the on-board reward's bound exceeded) or
 * by the episode time limit: the robot description's {@code control.on_episode_end}. The episode's last step and its
 * EPISODE_END marker are recorded in the tick the episode ends, whatever follows.
 */
public enum EpisodeEnd {
    /** The safe command on every tick for the rest of the run; nothing more is recorded. */
    STOP,
    /** The policy keeps running, outside any episode: its ticks are not recorded and earn no reward. */
    HOLD,
    /**
     * The safe command until the state is back inside its bounds (the reward channel within its limit) with no
     * safety fault latched; then a new episode starts in that tick, with a new episode id.
     */
    RESTART,
    /**
     * On a simulated robot ({@link dev.sparring.hal.ResettableSystem}): the plant is put in the next episode's initial
     * state (the description's initial state plus its reset noise, seeded per episode as the trainer's evaluator
     * seeds its episodes), which the next read shows; a new episode starts in that tick, as with {@link #RESTART}.
     * Refused at load for hardware, which cannot be moved back but by its own motors.
     */
    RESET;

    /**
     * @param value {@code stop}, {@code hold}, {@code restart} or {@code reset}.
     * @return the choice.
     * @throws IllegalArgumentException naming the accepted values and the value otherwise.
     */
    public static EpisodeEnd parse(final String value) {
        for (final EpisodeEnd choice : values()) {
            if (choice.name().toLowerCase(Locale.ROOT).equals(value)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("must be stop, hold, restart or reset, was '" + value + "'");
    }
}
