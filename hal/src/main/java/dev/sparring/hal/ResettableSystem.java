package dev.sparring.hal;

/**
 * A simulated robot that can start an episode over: its plant is put in a new initial state, without the time it
 * would take a real robot to get there. Hardware cannot do this (nothing moves a real robot back but its own motors),
 * so only simulations implement it; on hardware the controller's {@code on_episode_end: restart} waits for the state to
 * come back within the episode's bounds instead.
 */
public interface ResettableSystem {
    /**
     * Asks for a reset: the next {@link RobotSystem#read} puts the plant in the next episode's initial state and
     * reads it, instead of advancing the physics over the time passed; the held command is dropped. Allocates nothing.
     */
    void resetForNextEpisode();
}
