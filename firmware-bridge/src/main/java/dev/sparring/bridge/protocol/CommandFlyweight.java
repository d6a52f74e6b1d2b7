package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * COMMAND's payload (host → firmware, {@link BridgeProtocol#commandLength(int)} = 4 + 20 J bytes): per joint the
 * targets and gains a legged-robot motor driver takes; τ = kp (q* − q) + kd (q̇* − q̇) + effort in PD mode, τ = effort
 * in effort mode.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+-----------------------------------------------+
 *  | joint count J |                 reserved (0)                  |  0
 *  +---------------+-----------------------------------------------+
 *  |                 joint 0: position target q* (f32)             |  4
 *  |                 joint 0: velocity target q̇* (f32)             |  8
 *  |                 joint 0: effort, feed-forward (f32)           | 12
 *  |                 joint 0: kp (f32)                             | 16
 *  |                 joint 0: kd (f32)                             | 20
 *  +---------------------------------------------------------------+
 *  |                 joints 1 .. J−1, 20 bytes each                | 24
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class CommandFlyweight extends MessageFlyweight {
    /** Offset of the joint count. */
    public static final int JOINT_COUNT_OFFSET = 0;
    /** Offset of joint 0's block. */
    public static final int JOINTS_OFFSET = 4;
    /** Bytes per joint. */
    public static final int JOINT_LENGTH = 20;
    /** Offset of the position target in a joint's block. */
    public static final int POSITION_TARGET_OFFSET = 0;
    /** Offset of the velocity target in a joint's block. */
    public static final int VELOCITY_TARGET_OFFSET = 4;
    /** Offset of the feed-forward effort in a joint's block. */
    public static final int EFFORT_OFFSET = 8;
    /** Offset of kp in a joint's block. */
    public static final int KP_OFFSET = 12;
    /** Offset of kd in a joint's block. */
    public static final int KD_OFFSET = 16;

    /**
     * Wraps a payload for reading.
     *
     * @param buffer the buffer.
     * @param offset the payload's first byte.
     * @return this.
     */
    public CommandFlyweight wrap(final DirectBuffer buffer, final int offset) {
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
    public CommandFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
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
     * Writes the joint count and zeroes the reserved bytes after it.
     *
     * @param joints joint count J (the configured one).
     * @return this.
     */
    public CommandFlyweight jointCount(final int joints) {
        u8(JOINT_COUNT_OFFSET, joints);
        reserved(JOINT_COUNT_OFFSET + 1, JOINTS_OFFSET - 1);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its position target q*.
     */
    public float positionTarget(final int joint) {
        return f32(field(joint, POSITION_TARGET_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its position target q*.
     * @return this.
     */
    public CommandFlyweight positionTarget(final int joint, final float value) {
        f32(field(joint, POSITION_TARGET_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its velocity target q̇*.
     */
    public float velocityTarget(final int joint) {
        return f32(field(joint, VELOCITY_TARGET_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its velocity target q̇*.
     * @return this.
     */
    public CommandFlyweight velocityTarget(final int joint, final float value) {
        f32(field(joint, VELOCITY_TARGET_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its feed-forward effort.
     */
    public float effort(final int joint) {
        return f32(field(joint, EFFORT_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its feed-forward effort.
     * @return this.
     */
    public CommandFlyweight effort(final int joint, final float value) {
        f32(field(joint, EFFORT_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its position gain kp.
     */
    public float kp(final int joint) {
        return f32(field(joint, KP_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its position gain kp.
     * @return this.
     */
    public CommandFlyweight kp(final int joint, final float value) {
        f32(field(joint, KP_OFFSET), value);
        return this;
    }

    /**
     * @param joint joint index.
     * @return its velocity gain kd.
     */
    public float kd(final int joint) {
        return f32(field(joint, KD_OFFSET));
    }

    /**
     * @param joint joint index.
     * @param value its velocity gain kd.
     * @return this.
     */
    public CommandFlyweight kd(final int joint, final float value) {
        f32(field(joint, KD_OFFSET), value);
        return this;
    }

    private static int field(final int joint, final int fieldOffset) {
        return JOINTS_OFFSET + JOINT_LENGTH * joint + fieldOffset;
    }
}
