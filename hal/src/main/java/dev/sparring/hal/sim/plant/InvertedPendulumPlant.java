package dev.sparring.hal.sim.plant;

/**
 * The inverted pendulum on a cart of MuJoCo's InvertedPendulum task (Gymnasium
 * {@code gymnasium/envs/mujoco/assets/inverted_pendulum.xml}), on the shared cart-pole equations
 * ({@link CartPoleDynamics}) with the asset's proportions.
 * <p>
 * Derivation from the asset. It sets {@code inertiafromgeom="true"} and no densities, so every body's mass and inertia
 * come from its capsule geoms at MuJoCo's default density 1000 kg/m³ (MuJoCo {@code mjCGeom::SetInertia}); a capsule of
 * radius {@code r} and cylinder length {@code H} has volume {@code π r² (H + 4r/3)}.
 * <ul>
 *   <li>Cart: geom {@code cart}, capsule {@code size="0.1 0.1"} (r = 0.1 m, H = 0.2 m):
 *       {@code M = 1000·π·0.01·(0.2 + 0.4/3) = 10π/3 ≈ 10.472 kg}. The rail geom belongs to the world body and adds
 *       no mass.</li>
 *   <li>Pole: geom {@code cpole}, capsule {@code fromto="0 0 0 0.001 0 0.6" size="0.049 0.3"} (r = 0.049 m,
 *       H = 0.6 m): {@code m = 1000·π·0.049²·(0.6 + 4·0.049/3) ≈ 5.0186 kg}, centre of mass at the segment's middle,
 *       {@code l = 0.3 m} from the hinge. The fromto's 1 mm x offset (a 1.67 mrad lean at q = 0, and 0.8 µm of
 *       length) is neglected: the modelled pole is straight up at θ = 0.</li>
 *   <li>Pole inertia about its centre of mass, perpendicular to the plane, as MuJoCo computes it for a capsule: the
 *       hemispheres take the mass fraction {@code m_s = m·4r/(4r + 3H)}, the cylinder {@code m_c = m − m_s}, and
 *       {@code I = m_c(3r² + H²)/12 + 2 m_s r²/5 + m_s H (3r + 2H)/8 ≈ 0.18875 kg·m²} (a thin rod would be 0.1506).
 *       It is recomputed from {@code pole_mass_kg}, {@code pole_half_length_m} and {@code pole_radius_m}, so
 *       changing the mass keeps the capsule's mass distribution.</li>
 *   <li>Joints: default {@code damping="1"} on both: slider viscous 1 N·s/m, hinge viscous 1 N·m·s/rad; armature 0,
 *       no frictionloss (Coulomb 0). Slider range ±1 m and hinge range ±90° are joint limits for the description;
 *       this plant does not model MuJoCo's limit constraints.</li>
 *   <li>Gravity 9.81 m/s². Actuator {@code slide}: motor, {@code gear="100"}, {@code ctrlrange="-3 3"}, so the cart
 *       force is {@code 100·ctrl}, at most ±300 N (the sim actuator: 1 N·m/A × gear 100 × 3 A).</li>
 *   <li>MuJoCo integrates with RK4 at {@code timestep="0.02"} s and Gymnasium acts every 2 steps (0.04 s); this plant
 *       steps at the timestep its user sets (the sim backend's inner step, a task's substep).</li>
 * </ul>
 * Joints {@code slider} and {@code hinge}; bodies {@code cart} and {@code pole} (force at the pole's centre of mass, as
 * RARL's adversary); parameters {@code cart_mass_kg}, {@code pole_mass_kg}, {@code pole_half_length_m},
 * {@code gravity_m_per_s2}, {@code pole_radius_m} (0.049) and the joints' friction.
 */
public final class InvertedPendulumPlant extends CartPoleDynamics {
    /** Plant name in descriptions. */
    public static final String KIND = "inverted_pendulum";

    private static final double MUJOCO_DENSITY_KG_PER_M3 = 1000.0;
    private static final double CART_RADIUS_M = 0.1;
    private static final double CART_CYLINDER_LENGTH_M = 0.2;
    private static final double POLE_RADIUS_M = 0.049;
    private static final double POLE_CYLINDER_LENGTH_M = 0.6;
    private static final double JOINT_DAMPING = 1.0;
    private static final int POLE_RADIUS = GRAVITY + 1;

    /** Creates the plant with the asset's parameters, at rest upright. */
    public InvertedPendulumPlant() {
        super(KIND, slider(JOINT_DAMPING), hinge(JOINT_DAMPING),
            capsuleMassKg(CART_RADIUS_M, CART_CYLINDER_LENGTH_M), capsuleMassKg(POLE_RADIUS_M, POLE_CYLINDER_LENGTH_M),
            POLE_CYLINDER_LENGTH_M / 2.0, 9.81,
            new PlantParameter[] {PlantParameter.positive("pole_radius_m", POLE_RADIUS_M)});
    }

    @Override
    double poleInertiaKgM2() {
        final double mass = parameter(POLE_MASS);
        final double radius = parameter(POLE_RADIUS);
        final double length = 2.0 * parameter(POLE_HALF_LENGTH);
        final double hemispheresMass = mass * 4.0 * radius / (4.0 * radius + 3.0 * length);
        final double cylinderMass = mass - hemispheresMass;
        return cylinderMass * (3.0 * radius * radius + length * length) / 12.0
            + 2.0 * hemispheresMass * radius * radius / 5.0
            + hemispheresMass * length * (3.0 * radius + 2.0 * length) / 8.0;
    }

    private static double capsuleMassKg(final double radiusM, final double cylinderLengthM) {
        return MUJOCO_DENSITY_KG_PER_M3 * Math.PI * radiusM * radiusM * (cylinderLengthM + 4.0 * radiusM / 3.0);
    }
}
