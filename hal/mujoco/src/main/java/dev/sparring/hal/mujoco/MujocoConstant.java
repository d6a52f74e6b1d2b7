package dev.sparring.hal.mujoco;

/**
 * Enum values and array widths of the MuJoCo headers the binding compares with or sizes views by, by their C names;
 * their values come from {@link MujocoLayout}.
 */
enum MujocoConstant {
    /** {@code mjtJoint}: a slide (prismatic) joint. */
    JNT_SLIDE("mjJNT_SLIDE"),
    /** {@code mjtJoint}: a hinge (revolute) joint. */
    JNT_HINGE("mjJNT_HINGE"),
    /** {@code mjtTrn}: an actuator that drives a joint. */
    TRN_JOINT("mjTRN_JOINT"),
    /** {@code mjtDyn}: an actuator without activation dynamics. */
    DYN_NONE("mjDYN_NONE"),
    /** {@code mjtGain}: a fixed gain. */
    GAIN_FIXED("mjGAIN_FIXED"),
    /** {@code mjtBias}: no bias force. */
    BIAS_NONE("mjBIAS_NONE"),
    /** Columns of {@code actuator_gainprm}. */
    NGAIN("mjNGAIN");

    private final String cName;

    MujocoConstant(final String cName) {
        this.cName = cName;
    }

    String cName() {
        return cName;
    }
}
