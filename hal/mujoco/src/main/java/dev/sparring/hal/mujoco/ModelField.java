package dev.sparring.hal.mujoco;

/**
 * The {@code mjModel} fields the binding uses, by their C names; their offsets come from {@link MujocoLayout}.
 */
enum ModelField {
    NQ("nq"),
    NV("nv"),
    NU("nu"),
    NA("na"),
    NBODY("nbody"),
    NJNT("njnt"),
    NGEOM("ngeom"),
    NSITE("nsite"),
    NSENSOR("nsensor"),
    NSENSORDATA("nsensordata"),
    TIMESTEP("opt.timestep"),
    QPOS0("qpos0"),
    BODY_MASS("body_mass"),
    BODY_INERTIA("body_inertia"),
    JNT_QPOSADR("jnt_qposadr"),
    JNT_DOFADR("jnt_dofadr"),
    JNT_RANGE("jnt_range"),
    DOF_DAMPING("dof_damping"),
    GEOM_BODYID("geom_bodyid"),
    GEOM_FRICTION("geom_friction"),
    ACTUATOR_CTRLRANGE("actuator_ctrlrange"),
    SENSOR_ADR("sensor_adr"),
    SENSOR_DIM("sensor_dim");

    private final String cName;

    ModelField(final String cName) {
        this.cName = cName;
    }

    /**
     * @return the field's name in {@code mjModel}, e.g. {@code "body_mass"} or {@code "opt.timestep"}.
     */
    String cName() {
        return cName;
    }
}
