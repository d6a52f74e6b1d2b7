package dev.sparring.hal.sim.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvertedPendulumPlantTest {
    private static final double POLE_MASS_KG = 1000 * Math.PI * 0.049 * 0.049 * (0.6 + 4 * 0.049 / 3);

    private final InvertedPendulumPlant plant = new InvertedPendulumPlant();

    @Test
    void shouldTakeMassesFromTheAssetsCapsulesAtMujocoDensity() {
        assertEquals(10 * Math.PI / 3, parameter("cart_mass_kg"), 1e-12);
        assertEquals(5.018585355564371, parameter("pole_mass_kg"), 1e-12);
        assertEquals(POLE_MASS_KG, parameter("pole_mass_kg"), 1e-12);
        assertEquals(0.3, parameter("pole_half_length_m"), 1e-15);
        assertEquals(0.049, parameter("pole_radius_m"), 1e-15);
    }

    @Test
    void shouldTakeDampingAndGravityFromTheAsset() {
        assertEquals(1.0, parameter("slider_viscous_n_s_per_m"));
        assertEquals(1.0, parameter("hinge_viscous_nm_s_per_rad"));
        assertEquals(0.0, parameter("slider_coulomb_n"));
        assertEquals(0.0, parameter("hinge_coulomb_nm"));
        assertEquals(9.81, parameter("gravity_m_per_s2"));
    }

    @Test
    void shouldUseMujocosCapsuleInertiaForThePole() {
        final double cartKg = 10 * Math.PI / 3;
        final double halfLengthM = 0.3;
        final double inertiaAtComKgM2 = 0.1887490666295015;
        final double[] q = {0.0, 0.1};
        final double ml = POLE_MASS_KG * halfLengthM;
        final double[] expected = PlantProbe.solve(cartKg + POLE_MASS_KG, ml * Math.cos(q[1]), ml * Math.cos(q[1]),
            inertiaAtComKgM2 + POLE_MASS_KG * halfLengthM * halfLengthM,
            new double[] {0.0, ml * 9.81 * Math.sin(q[1])});
        final double[] acceleration = new double[2];

        plant.accelerations(q, new double[2], acceleration);

        assertEquals(expected[0], acceleration[0], 1e-12);
        assertEquals(expected[1], acceleration[1], 1e-12);
    }

    private double parameter(final String name) {
        return plant.parameter(plant.parameterIndex(name));
    }
}
