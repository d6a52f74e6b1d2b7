package dev.sparring.hal.sim.plant;

import dev.sparring.hal.JointType;

/**
 * A torque-driven pendulum for swing-up: a point mass {@code m} on a massless rod of length {@code l}, turning about
 * an actuated hinge, under gravity, with joint friction (viscous damping and Coulomb). A point mass, not a rod, so the
 * small-angle period is the simple pendulum's {@code 2π√(l/g)}.
 * <p>
 * Coordinate: {@code q} = hinge angle (rad), 0 hanging straight down, π upright, positive counter-clockwise (the bob
 * moves towards +x from the bottom). Equation of motion {@code m l² q̈ + m g l sin q = τ − friction}. Potential
 * energy {@code m g l (1 − cos q)}, zero hanging down. Swing-up is torque-limited when the actuator saturates below
 * {@code m g l}.
 * <p>
 * Joint {@code hinge} (revolute, actuated). Body {@code bob}: the point mass, at {@code (l sin q, −l cos q)} from the
 * hinge. Parameters: {@code mass_kg} (1.0), {@code length_m} (1.0), {@code gravity_m_per_s2} (9.81), and the hinge's
 * friction parameters (0).
 */
public final class PendulumPlant extends RigidBodyPlant {
    /** Plant name in descriptions. */
    public static final String KIND = "pendulum";

    private static final int MASS = 0;
    private static final int LENGTH = 1;
    private static final int GRAVITY = 2;

    /** Creates the pendulum with its default parameters, at rest hanging down. */
    public PendulumPlant() {
        super(KIND, new PlantJoint[] {PlantJoint.frictionless("hinge", JointType.REVOLUTE, true)},
            new String[] {"bob"}, new PlantParameter[] {
                PlantParameter.positive("mass_kg", 1.0),
                PlantParameter.positive("length_m", 1.0),
                PlantParameter.nonNegative("gravity_m_per_s2", 9.81)});
    }

    @Override
    void massMatrix(final double[] y, final double[] out) {
        final double length = parameter(LENGTH);
        out[0] = parameter(MASS) * length * length;
    }

    @Override
    void biasForces(final double[] y, final double[] out) {
        out[0] = parameter(MASS) * parameter(GRAVITY) * parameter(LENGTH) * Math.sin(y[0]);
    }

    @Override
    double potential(final double[] y) {
        return parameter(MASS) * parameter(GRAVITY) * parameter(LENGTH) * (1.0 - Math.cos(y[0]));
    }

    @Override
    double pointX(final int body, final double[] y) {
        return parameter(LENGTH) * Math.sin(y[0]);
    }

    @Override
    double pointY(final int body, final double[] y) {
        return -parameter(LENGTH) * Math.cos(y[0]);
    }

    @Override
    void pointJacobian(final int body, final double[] y, final double[] jx, final double[] jy) {
        jx[0] = parameter(LENGTH) * Math.cos(y[0]);
        jy[0] = parameter(LENGTH) * Math.sin(y[0]);
    }
}
