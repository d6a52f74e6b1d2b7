/*
 * Prints, as Java properties, the layout of the mjModel and mjData fields the Java binding reads and writes, the
 * enum values it passes, and the header version, all taken from the installed MuJoCo headers by the C compiler.
 * Run by build-native.sh; the Java side (MujocoLayout) refuses a library whose mj_version() differs from "version".
 */
#include <stddef.h>
#include <stdio.h>

#include <mujoco/mujoco.h>

#define MODEL(field) printf("mjModel.%s=%zu\n", #field, offsetof(mjModel, field))
#define DATA(field) printf("mjData.%s=%zu\n", #field, offsetof(mjData, field))
#define CONSTANT(name) printf("%s=%d\n", #name, (int) (name))

int main(void) {
    printf("version=%d\n", mjVERSION_HEADER);
    printf("sizeof.mjtNum=%zu\n", sizeof(mjtNum));
    printf("sizeof.int=%zu\n", sizeof(int));
    printf("sizeof.pointer=%zu\n", sizeof(void*));
    printf("sizeof.mjWarningStat=%zu\n", sizeof(mjWarningStat));
    printf("mjWarningStat.number=%zu\n", offsetof(mjWarningStat, number));

    MODEL(nq);
    MODEL(nv);
    MODEL(nu);
    MODEL(na);
    MODEL(nbody);
    MODEL(njnt);
    MODEL(ngeom);
    MODEL(nsite);
    MODEL(nsensor);
    MODEL(nsensordata);
    MODEL(opt.timestep);
    MODEL(opt.integrator);
    MODEL(qpos0);
    MODEL(body_mass);
    MODEL(body_inertia);
    MODEL(jnt_type);
    MODEL(jnt_qposadr);
    MODEL(jnt_dofadr);
    MODEL(jnt_axis);
    MODEL(jnt_range);
    MODEL(dof_armature);
    MODEL(dof_damping);
    MODEL(geom_bodyid);
    MODEL(geom_size);
    MODEL(geom_friction);
    MODEL(actuator_trntype);
    MODEL(actuator_dyntype);
    MODEL(actuator_gaintype);
    MODEL(actuator_biastype);
    MODEL(actuator_trnid);
    MODEL(actuator_gear);
    MODEL(actuator_gainprm);
    MODEL(actuator_ctrlrange);
    MODEL(sensor_adr);
    MODEL(sensor_dim);

    DATA(warning);
    DATA(time);
    DATA(qpos);
    DATA(qvel);
    DATA(act);
    DATA(ctrl);
    DATA(qfrc_applied);
    DATA(xfrc_applied);
    DATA(qacc);
    DATA(qacc_warmstart);
    DATA(sensordata);
    DATA(xpos);

    CONSTANT(mjOBJ_BODY);
    CONSTANT(mjOBJ_JOINT);
    CONSTANT(mjOBJ_GEOM);
    CONSTANT(mjOBJ_SITE);
    CONSTANT(mjOBJ_ACTUATOR);
    CONSTANT(mjOBJ_SENSOR);

    CONSTANT(mjJNT_SLIDE);
    CONSTANT(mjJNT_HINGE);
    CONSTANT(mjTRN_JOINT);
    CONSTANT(mjDYN_NONE);
    CONSTANT(mjGAIN_FIXED);
    CONSTANT(mjBIAS_NONE);
    CONSTANT(mjNGAIN);

    CONSTANT(mjNWARNING);
    CONSTANT(mjWARN_INERTIA);
    CONSTANT(mjWARN_CONTACTFULL);
    CONSTANT(mjWARN_CNSTRFULL);
    CONSTANT(mjWARN_VGEOMFULL);
    CONSTANT(mjWARN_BADQPOS);
    CONSTANT(mjWARN_BADQVEL);
    CONSTANT(mjWARN_BADQACC);
    CONSTANT(mjWARN_BADCTRL);
    return 0;
}
