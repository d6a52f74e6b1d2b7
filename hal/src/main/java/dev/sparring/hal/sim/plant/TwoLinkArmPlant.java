package dev.sparring.hal.sim.plant;

import dev.sparring.hal.JointType;

/**
 * A planar two-link arm for reaching: two uniform rods (centre of mass at mid-length, moment of inertia
 * {@code m L²/12}) on actuated revolute joints, {@code M(q)q̈ + C(q,q̇)q̇ + G(q) = τ − friction + J_eeᵀ F}.
 * <p>
 * Coordinates: {@code q0} = shoulder angle from the world x axis (rad), {@code q1} = elbow angle relative to the
 * first link (rad), both counter-clockwise. The arm moves in a horizontal plane by default ({@code gravity_m_per_s2}
 * 0); set it &gt; 0 for a vertical plane with gravity along −y. With {@code lcᵢ = Lᵢ/2}, {@code Iᵢ = mᵢLᵢ²/12}:
 * <pre>
 * a1 = I1 + m1 lc1² + I2 + m2 (L1² + lc2²),  a2 = m2 L1 lc2,  a3 = I2 + m2 lc2²
 * M = [ a1 + 2 a2 cos q1   a3 + a2 cos q1 ]
 *     [ a3 + a2 cos q1     a3             ]
 * C q̇ = [ −a2 sin q1 (2 q̇0 q̇1 + q̇1²) ]     G = g [ (m1 lc1 + m2 L1) cos q0 + m2 lc2 cos(q0 + q1) ]
 *       [  a2 sin q1 q̇0²              ]         [ m2 lc2 cos(q0 + q1)                           ]
 * V = g (m1 lc1 sin q0 + m2 (L1 sin q0 + lc2 sin(q0 + q1)))   (zero with the arm horizontal)
 * </pre>
 * Joints {@code shoulder} and {@code elbow} (revolute, actuated). Body {@code end_effector}: the tip of the second
 * link, at {@code (L1 cos q0 + L2 cos(q0+q1), L1 sin q0 + L2 sin(q0+q1))}, which also gives the sensor channels
 * {@code end_effector_x} and {@code end_effector_y}. Parameters and defaults: {@code link1_mass_kg} 0.6,
 * {@code link2_mass_kg} 0.4, {@code link1_length_m} 0.3, {@code link2_length_m} 0.25, {@code gravity_m_per_s2} 0,
 * friction of both joints 0.
 */
public final class TwoLinkArmPlant extends RigidBodyPlant {
    /** Plant name in descriptions. */
    public static final String KIND = "two_link_arm";

    private static final int MASS1 = 0;
    private static final int MASS2 = 1;
    private static final int LENGTH1 = 2;
    private static final int LENGTH2 = 3;
    private static final int GRAVITY = 4;

    /** Creates the arm with its default parameters, at rest and stretched along x. */
    public TwoLinkArmPlant() {
        super(KIND, new PlantJoint[] {
            PlantJoint.frictionless("shoulder", JointType.REVOLUTE, true),
            PlantJoint.frictionless("elbow", JointType.REVOLUTE, true)},
            new String[] {"end_effector"}, new PlantParameter[] {
                PlantParameter.positive("link1_mass_kg", 0.6),
                PlantParameter.positive("link2_mass_kg", 0.4),
                PlantParameter.positive("link1_length_m", 0.3),
                PlantParameter.positive("link2_length_m", 0.25),
                PlantParameter.nonNegative("gravity_m_per_s2", 0.0)});
    }

    @Override
    void massMatrix(final double[] y, final double[] out) {
        final double mass1 = parameter(MASS1);
        final double mass2 = parameter(MASS2);
        final double length1 = parameter(LENGTH1);
        final double length2 = parameter(LENGTH2);
        final double com1 = 0.5 * length1;
        final double com2 = 0.5 * length2;
        final double inertia1 = mass1 * length1 * length1 / 12.0;
        final double inertia2 = mass2 * length2 * length2 / 12.0;
        final double a1 = inertia1 + mass1 * com1 * com1 + inertia2 + mass2 * (length1 * length1 + com2 * com2);
        final double a2Cos = mass2 * length1 * com2 * Math.cos(y[1]);
        final double a3 = inertia2 + mass2 * com2 * com2;
        out[0] = a1 + 2.0 * a2Cos;
        out[1] = a3 + a2Cos;
        out[2] = a3 + a2Cos;
        out[3] = a3;
    }

    @Override
    void biasForces(final double[] y, final double[] out) {
        final double mass1 = parameter(MASS1);
        final double mass2 = parameter(MASS2);
        final double length1 = parameter(LENGTH1);
        final double com2 = 0.5 * parameter(LENGTH2);
        final double gravity = parameter(GRAVITY);
        final double a2Sin = mass2 * length1 * com2 * Math.sin(y[1]);
        final double shoulderRate = y[2];
        final double elbowRate = y[3];
        final double outerGravity = gravity * mass2 * com2 * Math.cos(y[0] + y[1]);
        out[0] = -a2Sin * (2.0 * shoulderRate * elbowRate + elbowRate * elbowRate)
            + gravity * (mass1 * 0.5 * length1 + mass2 * length1) * Math.cos(y[0]) + outerGravity;
        out[1] = a2Sin * shoulderRate * shoulderRate + outerGravity;
    }

    @Override
    double potential(final double[] y) {
        final double length1 = parameter(LENGTH1);
        final double sin1 = Math.sin(y[0]);
        return parameter(GRAVITY) * (parameter(MASS1) * 0.5 * length1 * sin1
            + parameter(MASS2) * (length1 * sin1 + 0.5 * parameter(LENGTH2) * Math.sin(y[0] + y[1])));
    }

    @Override
    double pointX(final int body, final double[] y) {
        return parameter(LENGTH1) * Math.cos(y[0]) + parameter(LENGTH2) * Math.cos(y[0] + y[1]);
    }

    @Override
    double pointY(final int body, final double[] y) {
        return parameter(LENGTH1) * Math.sin(y[0]) + parameter(LENGTH2) * Math.sin(y[0] + y[1]);
    }

    @Override
    void pointJacobian(final int body, final double[] y, final double[] jx, final double[] jy) {
        final double length1 = parameter(LENGTH1);
        final double length2 = parameter(LENGTH2);
        final double outerX = length2 * Math.cos(y[0] + y[1]);
        final double outerY = length2 * Math.sin(y[0] + y[1]);
        jx[0] = -length1 * Math.sin(y[0]) - outerY;
        jx[1] = -outerY;
        jy[0] = length1 * Math.cos(y[0]) + outerX;
        jy[1] = outerX;
    }
}
