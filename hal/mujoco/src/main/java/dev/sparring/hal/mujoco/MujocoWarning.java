package dev.sparring.hal.mujoco;

/**
 * MuJoCo's simulation warnings ({@code mjtWarning}), counted per {@link MujocoData} in {@code mjData.warning[]}; their
 * indices come from the installed headers through {@link MujocoLayout}.
 */
public enum MujocoWarning {
    /** (Near) singular inertia matrix ({@code mjWARN_INERTIA}). */
    INERTIA("mjWARN_INERTIA"),
    /** Too many contacts in the contact list ({@code mjWARN_CONTACTFULL}). */
    CONTACT_FULL("mjWARN_CONTACTFULL"),
    /** Too many constraints ({@code mjWARN_CNSTRFULL}). */
    CONSTRAINT_FULL("mjWARN_CNSTRFULL"),
    /** Too many visual geoms ({@code mjWARN_VGEOMFULL}). */
    VISUAL_GEOM_FULL("mjWARN_VGEOMFULL"),
    /** A bad number (NaN, infinite or huge) in qpos; MuJoCo reset the state ({@code mjWARN_BADQPOS}). */
    BAD_QPOS("mjWARN_BADQPOS"),
    /** A bad number in qvel; MuJoCo reset the state ({@code mjWARN_BADQVEL}). */
    BAD_QVEL("mjWARN_BADQVEL"),
    /** A bad number in qacc, the sign of an unstable simulation; MuJoCo reset the state ({@code mjWARN_BADQACC}). */
    BAD_QACC("mjWARN_BADQACC"),
    /** A bad number in ctrl ({@code mjWARN_BADCTRL}). */
    BAD_CTRL("mjWARN_BADCTRL");

    private final String cName;

    MujocoWarning(final String cName) {
        this.cName = cName;
    }

    String cName() {
        return cName;
    }
}
