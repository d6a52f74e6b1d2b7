package dev.sparring.hal;

/**
 * Lifecycle of a {@link RobotSystem}, as in ros2_control's hardware components:
 * {@code UNCONFIGURED → (configure) → INACTIVE → (activate) → ACTIVE → (deactivate) → INACTIVE},
 * and {@code shutdown} from any state to {@code FINALIZED}. A read or write ERROR leaves ACTIVE with the safe state
 * applied, for INACTIVE, or for UNCONFIGURED when communication was lost ({@link RobotSystem}).
 */
public enum LifecycleState {
    /** Created; no communication with the hardware yet. */
    UNCONFIGURED,
    /** Communication up and state readable; commands refused, actuators in their safe state. */
    INACTIVE,
    /** Commands accepted. */
    ACTIVE,
    /** Released; no further transition is possible. */
    FINALIZED
}
