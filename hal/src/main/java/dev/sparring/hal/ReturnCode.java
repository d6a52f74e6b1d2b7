package dev.sparring.hal;

/**
 * Outcome of a lifecycle transition or a per-tick read/write. Expected outcomes are return values, not exceptions,
 * so the control thread never throws in normal operation.
 */
public enum ReturnCode {
    /** The call did what was asked. */
    OK,
    /**
     * The call failed (lost link, refused command, hardware fault). After an ERROR from {@code read} or
     * {@code write} the system has applied its safe state and is INACTIVE, or UNCONFIGURED when its communication
     * was lost ({@link RobotSystem}).
     */
    ERROR
}
