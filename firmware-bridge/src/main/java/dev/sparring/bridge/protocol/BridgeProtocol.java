package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;

/**
 * Constants of bridge protocol version 1 (docs/bridge-protocol.md), mirroring the firmware's
 * {@code firmware/include/bridge_protocol.h}, and the payload length each message type requires.
 */
public final class BridgeProtocol {
    /** The protocol version this host speaks. */
    public static final int VERSION = 1;
    /** Most joints a message carries. */
    public static final int MAX_JOINTS = 8;
    /** Bytes of the frame header: type, reserved, sequence, payload length. */
    public static final int HEADER_LENGTH = 6;
    /** Bytes of the CRC after the payload. */
    public static final int CRC_LENGTH = 2;
    /** Most payload bytes in a frame. */
    public static final int MAX_PAYLOAD = 240;
    /** Most bytes of a decoded frame: header, payload and CRC. */
    public static final int MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + CRC_LENGTH;
    /** Most bytes of a COBS-encoded frame, its delimiter not counted. */
    public static final int MAX_ENCODED = MAX_FRAME + 2;
    /** Sequence numbers wrap at this modulus. */
    public static final int SEQUENCE_MODULUS = 1 << 16;

    /** Header offset of the type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Header offset of the reserved byte (0). */
    public static final int RESERVED_OFFSET = 1;
    /** Header offset of the u16 sequence number. */
    public static final int SEQUENCE_OFFSET = 2;
    /** Header offset of the u16 payload length. */
    public static final int LENGTH_OFFSET = 4;

    /** Host → firmware: protocol version check; answered with HELLO_REPLY. */
    public static final int HELLO = 0x01;
    /** Host → firmware: joints, limits, control and safe modes, watchdog timeout. */
    public static final int CONFIGURE = 0x02;
    /** Host → firmware: per-joint targets and gains; feeds the watchdog. */
    public static final int COMMAND = 0x03;
    /** Host → firmware: asks for a STATE; does not feed the watchdog. */
    public static final int HEARTBEAT = 0x04;
    /** Host → firmware: latch the emergency stop. */
    public static final int ESTOP = 0x05;
    /** Host → firmware: clear latched faults. */
    public static final int CLEAR = 0x06;
    /** Firmware → host: versions, capabilities, boot count; also sent unsolicited at boot. */
    public static final int HELLO_REPLY = 0x81;
    /** Firmware → host: measured joints, mode, faults, counters. */
    public static final int STATE = 0x83;
    /** Firmware → host: a refused request or a tripped safety. */
    public static final int FAULT = 0x84;

    /** Payload length of HELLO. */
    public static final int HELLO_LENGTH = 4;
    /** Payload length of HELLO_REPLY. */
    public static final int HELLO_REPLY_LENGTH = 20;
    /** Payload length of FAULT. */
    public static final int FAULT_LENGTH = 8;

    /** Control mode: τ = effort. */
    public static final int CONTROL_EFFORT = 0;
    /** Control mode: τ = kp (q* − q) + kd (q̇* − q̇) + effort. */
    public static final int CONTROL_PD = 1;
    /** Safe mode: τ = 0. */
    public static final int SAFE_ZERO_TORQUE = 0;
    /** Safe mode: τ = −safe kd · q̇. */
    public static final int SAFE_DAMPING = 1;

    /** Firmware mode: not configured, outputs safe. */
    public static final int MODE_IDLE = 0;
    /** Firmware mode: configured, outputs safe, waiting for a command. */
    public static final int MODE_READY = 1;
    /** Firmware mode: applying commands. */
    public static final int MODE_ACTIVE = 2;
    /** Firmware mode: the watchdog tripped; safe until CLEAR. */
    public static final int MODE_SAFE = 3;
    /** Firmware mode: emergency stop latched; safe until CLEAR. */
    public static final int MODE_ESTOP = 4;
    /** Firmware mode: a command or limit fault latched; safe until CLEAR. */
    public static final int MODE_FAULTED = 5;

    /** Fault: no valid COMMAND within the watchdog timeout (latches). */
    public static final int FAULT_WATCHDOG = 1;
    /** Fault: emergency stop (latches). */
    public static final int FAULT_ESTOP = 2;
    /** Fault: a joint left its position limits (latches). */
    public static final int FAULT_POSITION_LIMIT = 3;
    /** Fault: a COMMAND's joint count differs from the configured one, or a value is not finite (latches). */
    public static final int FAULT_BAD_COMMAND = 4;
    /** Refusal: COMMAND before CONFIGURE. */
    public static final int FAULT_NOT_CONFIGURED = 5;
    /** Refusal: a CONFIGURE value out of range; the old configuration stays. */
    public static final int FAULT_BAD_CONFIGURE = 6;
    /** Refusal: the host speaks another protocol version. */
    public static final int FAULT_VERSION_MISMATCH = 7;
    /** Refusal: a message type the firmware does not know. */
    public static final int FAULT_UNKNOWN_TYPE = 8;
    /** Refusal: CONFIGURE while ACTIVE. */
    public static final int FAULT_BUSY = 9;

    /** Capability bit: effort control mode. */
    public static final int CAP_EFFORT = 0x1;
    /** Capability bit: PD control mode. */
    public static final int CAP_PD = 0x2;
    /** Capability bit: damping safe mode. */
    public static final int CAP_DAMPING = 0x4;
    /** Capability bit: the motors are a simulated plant (a host build). */
    public static final int CAP_SIMULATED = 0x8;

    private static final String[] FAULT_NAMES = {
        "WATCHDOG", "ESTOP", "POSITION_LIMIT", "BAD_COMMAND", "NOT_CONFIGURED", "BAD_CONFIGURE",
        "VERSION_MISMATCH", "UNKNOWN_TYPE", "BUSY"};
    private static final String[] MODE_NAMES = {"IDLE", "READY", "ACTIVE", "SAFE", "ESTOP", "FAULTED"};

    private BridgeProtocol() {
    }

    /**
     * @param joints joint count J.
     * @return payload length of a CONFIGURE for J joints.
     */
    public static int configureLength(final int joints) {
        return ConfigureFlyweight.JOINTS_OFFSET + ConfigureFlyweight.JOINT_LENGTH * joints;
    }

    /**
     * @param joints joint count J.
     * @return payload length of a COMMAND for J joints.
     */
    public static int commandLength(final int joints) {
        return CommandFlyweight.JOINTS_OFFSET + CommandFlyweight.JOINT_LENGTH * joints;
    }

    /**
     * @param joints joint count J.
     * @return payload length of a STATE for J joints.
     */
    public static int stateLength(final int joints) {
        return StateFlyweight.JOINTS_OFFSET + StateFlyweight.JOINT_LENGTH * joints;
    }

    /**
     * The payload length a message requires, by its type and, for the per-joint messages, the joint count it carries.
     *
     * @param type    message type.
     * @param buffer  the buffer holding the payload.
     * @param offset  the payload's first byte.
     * @param length  the payload's length in bytes (the joint count is read only when the payload holds it).
     * @return the required length, or −1 when the type is unknown or its joint count is above {@link #MAX_JOINTS}
     *         (or missing).
     */
    public static int requiredPayloadLength(
        final int type, final DirectBuffer buffer, final int offset, final int length) {
        return switch (type) {
            case HELLO -> HELLO_LENGTH;
            case HEARTBEAT, ESTOP, CLEAR -> 0;
            case HELLO_REPLY -> HELLO_REPLY_LENGTH;
            case FAULT -> FAULT_LENGTH;
            case CONFIGURE -> perJoint(buffer, offset, length, ConfigureFlyweight.JOINT_COUNT_OFFSET,
                ConfigureFlyweight.JOINTS_OFFSET, ConfigureFlyweight.JOINT_LENGTH);
            case COMMAND -> perJoint(buffer, offset, length, CommandFlyweight.JOINT_COUNT_OFFSET,
                CommandFlyweight.JOINTS_OFFSET, CommandFlyweight.JOINT_LENGTH);
            case STATE -> perJoint(buffer, offset, length, StateFlyweight.JOINT_COUNT_OFFSET,
                StateFlyweight.JOINTS_OFFSET, StateFlyweight.JOINT_LENGTH);
            default -> -1;
        };
    }

    private static int perJoint(final DirectBuffer buffer, final int offset, final int length,
        final int countOffset, final int jointsOffset, final int jointLength) {
        if (length <= countOffset) {
            return -1;
        }
        final int joints = buffer.getByte(offset + countOffset) & 0xFF;
        return joints > MAX_JOINTS ? -1 : jointsOffset + jointLength * joints;
    }

    /**
     * @param type message type.
     * @return its name ({@code "STATE"}), or {@code "type 0x.."} when unknown; for messages, not for the hot path.
     */
    public static String typeName(final int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case CONFIGURE -> "CONFIGURE";
            case COMMAND -> "COMMAND";
            case HEARTBEAT -> "HEARTBEAT";
            case ESTOP -> "ESTOP";
            case CLEAR -> "CLEAR";
            case HELLO_REPLY -> "HELLO_REPLY";
            case STATE -> "STATE";
            case FAULT -> "FAULT";
            default -> String.format("type 0x%02x", type);
        };
    }

    /**
     * @param code fault code (FAULT byte 0).
     * @return its name ({@code "WATCHDOG"}), or {@code "fault code N"} when unknown; not for the hot path.
     */
    public static String faultName(final int code) {
        return code >= 1 && code <= FAULT_NAMES.length ? FAULT_NAMES[code - 1] : "fault code " + code;
    }

    /**
     * @param mode firmware mode (STATE byte 10).
     * @return its name ({@code "ACTIVE"}), or {@code "mode N"} when unknown; not for the hot path.
     */
    public static String modeName(final int mode) {
        return mode >= 0 && mode < MODE_NAMES.length ? MODE_NAMES[mode] : "mode " + mode;
    }
}
