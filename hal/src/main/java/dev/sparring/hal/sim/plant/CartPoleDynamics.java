package dev.sparring.hal.sim.plant;

import dev.sparring.hal.JointType;

/**
 * Equations of a pole on a hinge on a cart that slides along a horizontal rail, from the Lagrangian, shared by
 * {@link CartPolePlant} and {@link InvertedPendulumPlant}, which differ only in their parameters and the pole's
 * moment of inertia.
 * <p>
 * Coordinates: {@code q0 = x}, cart position along the rail (m), joint {@code slider} (prismatic, actuated: the
 * continuous force on the cart); {@code q1 = θ}, pole angle from upright (rad), positive when the pole leans towards
 * +x, joint {@code hinge} (revolute, passive). With cart mass {@code M}, pole mass {@code m}, hinge-to-centre-of-mass
 * distance {@code l} and pole moment of inertia {@code I} about its centre of mass, the pole's centre of mass is at
 * {@code (x + l sin θ, l cos θ)} and
 * <pre>
 * T = ½(M + m)ẋ² + m l cos θ ẋ θ̇ + ½(I + m l²)θ̇²,   V = m g l cos θ (zero at hinge height),
 *
 * [ M + m       m l cos θ ] [ẍ]   [ −m l sin θ θ̇² ]   [ F − friction_slider(ẋ) ]
 * [ m l cos θ   I + m l²  ] [θ̈] + [ −m g l sin θ   ] = [ −friction_hinge(θ̇)     ]
 * </pre>
 * For a uniform rod ({@code I = m l²/3}) and no friction these are Barto, Sutton and Anderson's cart-pole equations as
 * corrected by Florian (2007). Friction differs from Florian's: the cart's Coulomb friction here is a fixed force
 * (the joint friction model every plant shares), not proportional to the rail's normal force.
 * <p>
 * Bodies for disturbance forces: {@code cart}, applied at the cart's centre {@code (x, 0)} (only fx acts, the rail
 * takes fy), and {@code pole}, applied at the pole's centre of mass.
 * Parameters common to both plants: {@code cart_mass_kg}, {@code pole_mass_kg}, {@code pole_half_length_m} (hinge to
 * centre of mass, half the pole's length) and {@code gravity_m_per_s2}.
 */
abstract class CartPoleDynamics extends RigidBodyPlant {
    /** Index of {@code cart_mass_kg}. */
    static final int CART_MASS = 0;
    /** Index of {@code pole_mass_kg}. */
    static final int POLE_MASS = 1;
    /** Index of {@code pole_half_length_m}. */
    static final int POLE_HALF_LENGTH = 2;
    /** Index of {@code gravity_m_per_s2}; plant-specific parameters follow. */
    static final int GRAVITY = 3;

    private static final int CART = 0;

    /**
     * @param kind          plant name.
     * @param slider        the slider joint with its default friction.
     * @param hinge         the hinge joint with its default friction.
     * @param cartMassKg    default cart mass.
     * @param poleMassKg    default pole mass.
     * @param poleHalfLengthM default hinge-to-centre-of-mass distance.
     * @param gravityMPerS2 default gravity.
     * @param extra         the plant's further parameters, indexed from {@link #GRAVITY} + 1.
     */
    CartPoleDynamics(final String kind, final PlantJoint slider, final PlantJoint hinge, final double cartMassKg,
        final double poleMassKg, final double poleHalfLengthM, final double gravityMPerS2,
        final PlantParameter[] extra) {
        super(kind, new PlantJoint[] {slider, hinge}, new String[] {"cart", "pole"},
            parameters(cartMassKg, poleMassKg, poleHalfLengthM, gravityMPerS2, extra));
    }

    /**
     * @param viscous default viscous coefficient (N·s/m).
     * @return the actuated prismatic joint {@code slider}.
     */
    static PlantJoint slider(final double viscous) {
        return new PlantJoint("slider", JointType.PRISMATIC, true, viscous, 0.0);
    }

    /**
     * @param viscous default viscous coefficient (N·m·s/rad).
     * @return the passive revolute joint {@code hinge}.
     */
    static PlantJoint hinge(final double viscous) {
        return new PlantJoint("hinge", JointType.REVOLUTE, false, viscous, 0.0);
    }

    /**
     * @return the pole's moment of inertia about its centre of mass, perpendicular to the plane of motion (kg·m²).
     */
    abstract double poleInertiaKgM2();

    @Override
    final void massMatrix(final double[] y, final double[] out) {
        final double poleMass = parameter(POLE_MASS);
        final double length = parameter(POLE_HALF_LENGTH);
        final double coupling = poleMass * length * Math.cos(y[1]);
        out[0] = parameter(CART_MASS) + poleMass;
        out[1] = coupling;
        out[2] = coupling;
        out[3] = poleInertiaKgM2() + poleMass * length * length;
    }

    @Override
    final void biasForces(final double[] y, final double[] out) {
        final double massLength = parameter(POLE_MASS) * parameter(POLE_HALF_LENGTH);
        final double sin = Math.sin(y[1]);
        final double angularVelocity = y[3];
        out[0] = -massLength * sin * angularVelocity * angularVelocity;
        out[1] = -massLength * parameter(GRAVITY) * sin;
    }

    @Override
    final double potential(final double[] y) {
        return parameter(POLE_MASS) * parameter(GRAVITY) * parameter(POLE_HALF_LENGTH) * Math.cos(y[1]);
    }

    @Override
    final double pointX(final int body, final double[] y) {
        return body == CART ? y[0] : y[0] + parameter(POLE_HALF_LENGTH) * Math.sin(y[1]);
    }

    @Override
    final double pointY(final int body, final double[] y) {
        return body == CART ? 0.0 : parameter(POLE_HALF_LENGTH) * Math.cos(y[1]);
    }

    @Override
    final void pointJacobian(final int body, final double[] y, final double[] jx, final double[] jy) {
        jx[0] = 1.0;
        jy[0] = 0.0;
        if (body == CART) {
            jx[1] = 0.0;
            jy[1] = 0.0;
        } else {
            final double length = parameter(POLE_HALF_LENGTH);
            jx[1] = length * Math.cos(y[1]);
            jy[1] = -length * Math.sin(y[1]);
        }
    }

    private static PlantParameter[] parameters(final double cartMassKg, final double poleMassKg,
        final double poleHalfLengthM, final double gravityMPerS2, final PlantParameter[] extra) {
        final PlantParameter[] all = new PlantParameter[GRAVITY + 1 + extra.length];
        all[CART_MASS] = PlantParameter.positive("cart_mass_kg", cartMassKg);
        all[POLE_MASS] = PlantParameter.positive("pole_mass_kg", poleMassKg);
        all[POLE_HALF_LENGTH] = PlantParameter.positive("pole_half_length_m", poleHalfLengthM);
        all[GRAVITY] = PlantParameter.nonNegative("gravity_m_per_s2", gravityMPerS2);
        System.arraycopy(extra, 0, all, GRAVITY + 1, extra.length);
        return all;
    }
}
