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
    INTEGRATOR("opt.integrator"),
    QPOS0("qpos0"),
    BODY_MASS("body_mass"),
    BODY_INERTIA("body_inertia"),
    JNT_TYPE("jnt_type"),
    JNT_QPOSADR("jnt_qposadr"),
    JNT_DOFADR("jnt_dofadr"),
    JNT_AXIS("jnt_axis"),
    JNT_RANGE("jnt_range"),
    DOF_ARMATURE("dof_armature"),
    DOF_DAMPING("dof_damping"),
    GEOM_BODYID("geom_bodyid"),
    GEOM_SIZE("geom_size"),
    GEOM_FRICTION("geom_friction"),
    ACTUATOR_TRNTYPE("actuator_trntype"),
    ACTUATOR_DYNTYPE("actuator_dyntype"),
    ACTUATOR_GAINTYPE("actuator_gaintype"),
    ACTUATOR_BIASTYPE("actuator_biastype"),
    ACTUATOR_TRNID("actuator_trnid"),
    ACTUATOR_GEAR("actuator_gear"),
    ACTUATOR_GAINPRM("actuator_gainprm"),
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
