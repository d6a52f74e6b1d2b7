package dev.sparring.bridge.backend;

/** Why a {@link BridgeRobotSystem} answered a tick with ERROR. */
public enum BridgeError {
    /** Nothing has failed. */
    NONE,
    /** The port answered a read or poll with a hangup or I/O error. */
    PORT_GONE,
    /** An unsolicited HELLO_REPLY, a changed boot count or a firmware clock that went back. */
    FIRMWARE_RESTARTED,
    /** Damaged or missing frames beyond what the configuration tolerates. */
    LINK_ERRORS,
    /** The firmware sent FAULT. */
    FIRMWARE_FAULT,
    /** The firmware's state says it no longer applies commands. */
    FIRMWARE_LEFT_ACTIVE,
    /** A command or heartbeat left unanswered for longer than {@code stale_ms}. */
    STALE_STATE,
    /** A command could not be written whole. */
    WRITE_FAILED
}
