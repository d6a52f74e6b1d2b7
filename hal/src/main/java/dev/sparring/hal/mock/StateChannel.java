package dev.sparring.hal.mock;

/** Which array of a {@link dev.sparring.hal.RobotState} a {@link MockRobotSystem} fault is injected into. */
public enum StateChannel {
    /** Joint positions, by joint index. */
    POSITION,
    /** Joint velocities, by joint index. */
    VELOCITY,
    /** Joint efforts, by joint index. */
    EFFORT,
    /** Extra sensor channels, by channel index. */
    SENSOR
}
