package dev.sparring.hal.sim.plant;

import dev.sparring.hal.JointType;

/**
 * A plant's joint as its subclass declares it: name, kind, whether it carries an actuator, and the default friction
 * coefficients that become the joint's friction parameters.
 *
 * @param name     joint name, matched against a robot description's joints.
 * @param type     revolute or prismatic.
 * @param actuated whether an effort can be applied at the joint.
 * @param viscous  default viscous coefficient (N·s/m or N·m·s/rad), &gt;= 0.
 * @param coulomb  default Coulomb friction (N or N·m), &gt;= 0.
 */
record PlantJoint(String name, JointType type, boolean actuated, double viscous, double coulomb) {
    /** Default speed ε (m/s or rad/s) of the {@code tanh(v/ε)} that smooths Coulomb friction's sign function. */
    static final double DEFAULT_COULOMB_SMOOTHING = 0.01;

    /**
     * @param name     joint name.
     * @param type     joint kind.
     * @param actuated whether an effort can be applied.
     * @return a frictionless joint.
     */
    static PlantJoint frictionless(final String name, final JointType type, final boolean actuated) {
        return new PlantJoint(name, type, actuated, 0.0, 0.0);
    }
}
