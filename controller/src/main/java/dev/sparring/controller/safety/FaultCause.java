package dev.sparring.controller.safety;

/** Why the safety supervisor latched a fault. */
public enum FaultCause {
    /** The robot's read returned ERROR. */
    READ_ERROR,
    /** No fresh sample for more than the allowed number of ticks. */
    STALE_SENSOR,
    /** An observation value was NaN or infinite. */
    NON_FINITE_OBSERVATION,
    /** A joint was outside its position or velocity limits (plus tolerance). */
    LIMIT_VIOLATION,
    /** The policy produced a NaN or infinite action. */
    NON_FINITE_ACTION,
    /** The robot's write returned ERROR. */
    WRITE_ERROR,
    /** The time between two ticks exceeded the watchdog timeout: the robot ran without control. */
    WATCHDOG
}
