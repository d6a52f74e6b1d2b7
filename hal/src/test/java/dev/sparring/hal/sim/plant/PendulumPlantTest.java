package dev.sparring.hal.sim.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendulumPlantTest {
    private static final double STEP_S = 250e-6;
    private static final double GRAVITY = 9.81;

    private final PendulumPlant plant = new PendulumPlant();
    private final int mass = plant.parameterIndex("mass_kg");
    private final int length = plant.parameterIndex("length_m");
    private final int gravity = plant.parameterIndex("gravity_m_per_s2");

    @Test
    void shouldConserveEnergyWithinOneTenthPercentOverTenSecondsWhenUndampedAndFrictionless() {
        plant.setParameter(mass, 1.3);
        plant.setParameter(length, 0.7);
        plant.reset(new double[] {2.0}, new double[] {0.5});

        assertTrue(PlantProbe.maxRelativeEnergyDrift(plant, STEP_S, 10.0, 0.0) < 1e-3);
    }

    @Test
    void shouldSwingAtTheSimplePendulumPeriodForSmallAngles() {
        final double lengthM = 0.5;
        plant.setParameter(length, lengthM);
        plant.reset(new double[] {0.01}, new double[] {0.0});
        final double expectedPeriodS = 2 * Math.PI * Math.sqrt(lengthM / GRAVITY);

        double firstCrossingS = Double.NaN;
        double lastCrossingS = Double.NaN;
        int crossings = 0;
        double previous = plant.q(0);
        for (int s = 1; s <= Math.round(6 * expectedPeriodS / STEP_S); s++) {
            plant.step(STEP_S);
            final double current = plant.q(0);
            if (previous < 0 && current >= 0) {
                final double crossingS = (s - 1 + previous / (previous - current)) * STEP_S;
                if (crossings == 0) {
                    firstCrossingS = crossingS;
                }
                lastCrossingS = crossingS;
                crossings++;
            }
            previous = current;
        }
        final double measuredPeriodS = (lastCrossingS - firstCrossingS) / (crossings - 1);

        assertTrue(crossings >= 5);
        assertEquals(expectedPeriodS, measuredPeriodS, 0.005 * expectedPeriodS);
    }

    @Test
    void shouldAccelerateTheBobAtForceOverMassAlongTheForce() {
        final double massKg = 2.0;
        final double lengthM = 0.8;
        plant.setParameter(mass, massKg);
        plant.setParameter(length, lengthM);
        final double[] acceleration = new double[1];

        plant.setDisturbanceForce(plant.bodyIndex("bob"), 3.0, 0.0);
        plant.accelerations(new double[] {0.0}, new double[] {0.0}, acceleration);
        assertEquals(3.0 / massKg, lengthM * acceleration[0], 1e-12);

        plant.setDisturbanceForce(plant.bodyIndex("bob"), 0.0, 5.0);
        plant.accelerations(new double[] {0.0}, new double[] {0.0}, acceleration);
        assertEquals(0.0, acceleration[0], 1e-12, "the rod takes a force along it");
    }

    @Test
    void shouldDecayVelocityExponentiallyUnderViscousDamping() {
        final double dampingNmSPerRad = 0.3;
        plant.setParameter(gravity, 0.0);
        plant.setParameter(plant.parameterIndex("hinge_viscous_nm_s_per_rad"), dampingNmSPerRad);
        plant.reset(new double[] {0.0}, new double[] {2.0});

        plant.setTimestepS(STEP_S);

        plant.advance(8000);

        assertEquals(2.0 * Math.exp(-dampingNmSPerRad * 2.0), plant.qd(0), 1e-9);
    }

    @Test
    void shouldDecelerateAtCoulombFrictionOverInertiaWhileSlidingThenStop() {
        plant.setParameter(gravity, 0.0);
        plant.setParameter(plant.parameterIndex("hinge_coulomb_nm"), 0.5);
        plant.setParameter(plant.parameterIndex("hinge_coulomb_smoothing_rad_per_s"), 1e-4);
        plant.reset(new double[] {0.0}, new double[] {2.0});

        plant.setTimestepS(STEP_S);

        plant.advance(4000);
        assertEquals(1.5, plant.qd(0), 1e-9);

        plant.setTimestepS(STEP_S);

        plant.advance(16000);
        assertEquals(0.0, plant.qd(0), 1e-3);
    }

    @Test
    void shouldTakeTorqueAsEffortAtTheHinge() {
        plant.setParameter(length, 0.5);
        final double[] acceleration = new double[1];

        plant.setJointEffort(0, 0.75);
        plant.accelerations(new double[] {0.0}, new double[] {0.0}, acceleration);

        assertEquals(0.75 / (1.0 * 0.25), acceleration[0], 1e-12);
        assertEquals(0.75, plant.jointEffort(0));
    }

    @Test
    void shouldRejectANonPositiveMassNamingTheParameter() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> plant.setParameter(mass, -1.0));

        assertEquals("plant pendulum parameter 'mass_kg' must be finite and > 0, was -1.0", error.getMessage());
    }

    @Test
    void shouldNameTheAvailableParametersWhenAskedForAnUnknownOne() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> plant.parameterIndex("mass"));

        assertTrue(error.getMessage().contains("mass_kg"), error.getMessage());
        assertTrue(error.getMessage().contains("hinge_viscous_nm_s_per_rad"), error.getMessage());
    }

    @Test
    void shouldClearEffortsAndDisturbancesOnReset() {
        plant.setJointEffort(0, 1.0);
        plant.setDisturbanceForce(0, 2.0, 3.0);

        plant.reset(new double[] {0.2}, new double[] {0.1});

        assertEquals(0.0, plant.jointEffort(0));
        assertEquals(0.0, plant.disturbanceForceXN(0));
        assertEquals(0.0, plant.disturbanceForceYN(0));
        assertEquals(0.2, plant.q(0));
        assertEquals(0.1, plant.qd(0));
    }
}
