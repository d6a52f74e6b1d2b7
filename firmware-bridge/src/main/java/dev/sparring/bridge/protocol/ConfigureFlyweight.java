package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * CONFIGURE's payload (host → firmware, {@link BridgeProtocol#configureLength(int)} = 12 + 16 J bytes): joints,
 * control and safe modes, watchdog timeout, safe kd, then per joint its limits.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+---------------+---------------+
 *  | joint count J | control mode  |   safe mode   | reserved (0)  |  0
 *  +---------------+---------------+---------------+---------------+
 *  |   watchdog timeout (ms, u16)  |         reserved (0)          |  4
 *  +-------------------------------+-------------------------------+
 *  |                safe kd (f32, N·m·s/rad or N·s/m)              |  8
 *  +---------------------------------------------------------------+
 *  |                   joint 0: position min (f32)                 | 12
 *  |                   joint 0: position max (f32)                 | 16
 *  |                   joint 0: velocity max (f32, > 0)            | 20
 *  |                   joint 0: effort max (f32, ≥ 0; 0 = passive) | 24
 *  +---------------------------------------------------------------+
 *  |                   joints 1 .. J−1, 16 bytes each              | 28
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ConfigureFlyweight extends MessageFlyweight {
    /** Offset of the joint count. */
    public static final int JOINT_COUNT_OFFSET = 0;
    /** Offset of the control mode. */
    public static final int CONTROL_MODE_OFFSET = 1;
    /** Offset of the safe mode. */
    public static final int SAFE_MODE_OFFSET = 2;
    /** Offset of the watchdog timeout. */
    public static final int WATCHDOG_TIMEOUT_OFFSET = 4;
    /** Offset of the safe kd. */
    public static final int SAFE_KD_OFFSET = 8;
    /** Offset of joint 0's block. */
    public static final int JOINTS_OFFSET = 12;
    /** Bytes per joint. */
    public static final int JOINT_LENGTH = 16;
    /** Offset of the position minimum in a joint's block. */
    public static final int POSITION_MIN_OFFSET = 0;
    /** Offset of the position maximum in a joint's block. */
    public static final int POSITION_MAX_OFFSET = 4;
    /** Offset of the velocity maximum in a joint's block. */
    public static final int VELOCITY_MAX_OFFSET = 8;
    /** Offset of the effort maximum in a joint's block. */
    public static final int EFFORT_MAX_OFFSET = 12;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public ConfigureFlyweight wrap(final DirectBuffer buffer, final int offset) {
        wrapForReading(buffer, offset);
        return this;
    }

    /**
     * Wraps a payload for writing.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public ConfigureFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        wrapForWriting(buffer, offset);
        return this;
    }

    /**
     * @return joint count J.
     */
    public int jointCount() {
        return u8(JOINT_COUNT_OFFSET);
    }

    /**
     * @param joints joint count J (1..{@value BridgeProtocol#MAX_JOINTS}).
     * @return this.
     */
    public ConfigureFlyweight jointCount(final int joints) {
        u8(JOINT_COUNT_OFFSET, joints);
        return this;
    }

    /**
     * @return {@link BridgeProtocol#CONTROL_EFFORT} or {@link BridgeProtocol#CONTROL_PD}.
     */
    public int controlMode() {
        return u8(CONTROL_MODE_OFFSET);
    }

    /**
     * @param mode {@link BridgeProtocol#CONTROL_EFFORT} or {@link BridgeProtocol#CONTROL_PD}.
     * @return this.
     */
    public ConfigureFlyweight controlMode(final int mode) {
        u8(CONTROL_MODE_OFFSET, mode);
        return this;
    }

    /**
     * @return {@link BridgeProtocol#SAFE_ZERO_TORQUE} or {@link BridgeProtocol#SAFE_DAMPING}.
     */
    public int safeMode() {
        return u8(SAFE_MODE_OFFSET);
    }

    /**
     * Writes the safe mode and zeroes the reserved byte after it.
     *
     * @param mode {@link BridgeProtocol#SAFE_ZERO_TORQUE} or {@link BridgeProtocol#SAFE_DAMPING}.
     * @return this.
     */
    public ConfigureFlyweight safeMode(final int mode) {
        u8(SAFE_MODE_OFFSET, mode);
        reserved(SAFE_MODE_OFFSET + 1, 1);
        return this;
    }

    /**
     * @return the watchdog timeout in milliseconds.
     */
    public int watchdogTimeoutMs() {
        return u16(WATCHDOG_TIMEOUT_OFFSET);
    }

    /**
     * Writes the watchdog timeout and zeroes the reserved bytes after it.
     *
     * @param timeoutMs the watchdog timeout, 1..60 000 ms.
     * @return this.
     */
    public ConfigureFlyweight watchdogTimeoutMs(final int timeoutMs) {
        u16(WATCHDOG_TIMEOUT_OFFSET, timeoutMs);
        reserved(WATCHDOG_TIMEOUT_OFFSET + 2, 2);
        return this;
    }

    /**
     * @return the damping gain of the damping safe mode.
     */
    public float safeKd() {
        return f32(SAFE_KD_OFFSET);
    }

    /**
     * @param kd the damping gain of the damping safe mode (≥ 0).
     * @return this.
     */
    public ConfigureFlyweight safeKd(final float kd) {
        f32(SAFE_KD_OFFSET, kd);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its lower position limit.
     */
    public float positionMin(final int joint) {
        return f32(field(joint, POSITION_MIN_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its lower position limit.
     * @return this.
     */
    public ConfigureFlyweight positionMin(final int joint, final float value) {
        f32(field(joint, POSITION_MIN_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its upper position limit.
     */
    public float positionMax(final int joint) {
        return f32(field(joint, POSITION_MAX_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its upper position limit.
     * @return this.
     */
    public ConfigureFlyweight positionMax(final int joint, final float value) {
        f32(field(joint, POSITION_MAX_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its speed limit.
     */
    public float velocityMax(final int joint) {
        return f32(field(joint, VELOCITY_MAX_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its speed limit (> 0).
     * @return this.
     */
    public ConfigureFlyweight velocityMax(final int joint, final float value) {
        f32(field(joint, VELOCITY_MAX_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its effort limit (0: a passive joint).
     */
    public float effortMax(final int joint) {
        return f32(field(joint, EFFORT_MAX_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its effort limit (≥ 0; 0: a passive joint).
     * @return this.
     */
    public ConfigureFlyweight effortMax(final int joint, final float value) {
        f32(field(joint, EFFORT_MAX_OFFSET), value);
        return this;
    }

    private static int field(final int joint, final int fieldOffset) {
        return JOINTS_OFFSET + JOINT_LENGTH * joint + fieldOffset;
    }
}
