package dev.sparring.hal.mujoco;

/**
 * The {@code mjData} fields the binding uses, by their C names; their offsets come from {@link MujocoLayout}.
 */
enum DataField {
    WARNING("warning"),
    TIME("time"),
    QPOS("qpos"),
    QVEL("qvel"),
    ACT("act"),
    CTRL("ctrl"),
    QFRC_APPLIED("qfrc_applied"),
    XFRC_APPLIED("xfrc_applied"),
    QACC("qacc"),
    QACC_WARMSTART("qacc_warmstart"),
    SENSORDATA("sensordata"),
    XPOS("xpos");

    private final String cName;

    DataField(final String cName) {
        this.cName = cName;
    }

    /**
     * @return the field's name in {@code mjData}, e.g. {@code "qpos"}.
     */
    String cName() {
        return cName;
    }
}
