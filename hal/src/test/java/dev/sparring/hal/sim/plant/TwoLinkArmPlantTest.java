package dev.sparring.hal.sim.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoLinkArmPlantTest {
    private static final double STEP_S = 250e-6;
    private static final double M1 = 0.6;
    private static final double M2 = 0.4;
    private static final double L1 = 0.3;
    private static final double L2 = 0.25;
    private static final double GRAVITY = 9.81;

    private final TwoLinkArmPlant plant = new TwoLinkArmPlant();

    @Test
    void shouldMoveInAHorizontalPlaneByDefault() {
        assertEquals(0.0, plant.parameter(plant.parameterIndex("gravity_m_per_s2")));
    }

    @Test
    void shouldConserveEnergyInTheHorizontalPlaneWithoutTorqueOrFriction() {
        plant.reset(new double[] {0.3, 1.1}, new double[] {3.0, -4.0});

        assertTrue(PlantProbe.maxRelativeEnergyDrift(plant, STEP_S, 10.0, 0.0) < 1e-3);
    }

    @Test
    void shouldConserveEnergyUnderGravityWithoutTorqueOrFriction() {
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), GRAVITY);
        plant.reset(new double[] {0.3, 1.0}, new double[] {0.0, 0.0});
        final double hangingJ = -GRAVITY * (M1 * L1 / 2 + M2 * (L1 + L2 / 2));

        assertTrue(PlantProbe.maxRelativeEnergyDrift(plant, STEP_S, 10.0, hangingJ) < 1e-3);
    }

    @Test
    void shouldHoldStillWhenAStaticTorqueBalancesGravity() {
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), GRAVITY);
        final double[] q = {0.4, -0.7};
        plant.reset(q, new double[2]);
        final double outer = GRAVITY * M2 * L2 / 2 * Math.cos(q[0] + q[1]);

        plant.setJointEffort(0, GRAVITY * (M1 * L1 / 2 + M2 * L1) * Math.cos(q[0]) + outer);
        plant.setJointEffort(1, outer);
        plant.setTimestepS(STEP_S);
        plant.advance(4000);

        assertEquals(q[0], plant.q(0), 1e-9);
        assertEquals(q[1], plant.q(1), 1e-9);
    }

    @Test
    void shouldFallWhenTheTorqueIsRemoved() {
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), GRAVITY);
        plant.reset(new double[] {0.4, -0.7}, new double[2]);

        plant.setTimestepS(STEP_S);

        plant.advance(400);

        assertTrue(plant.q(0) < 0.4 - 1e-3);
    }

    @Test
    void shouldApplyTheEndEffectorDisturbanceThroughItsJacobian() {
        final double[] q = {0.5, 0.9};
        final double[][] jacobian = PlantProbe.pointJacobian(plant, "end_effector", q);
        final double fx = -2.0;
        final double fy = 1.0;
        final double[] tau = {jacobian[0][0] * fx + jacobian[1][0] * fy, jacobian[0][1] * fx + jacobian[1][1] * fy};
        final double i1 = M1 * L1 * L1 / 12;
        final double i2 = M2 * L2 * L2 / 12;
        final double a1 = i1 + M1 * L1 * L1 / 4 + i2 + M2 * (L1 * L1 + L2 * L2 / 4);
        final double a2 = M2 * L1 * L2 / 2 * Math.cos(q[1]);
        final double a3 = i2 + M2 * L2 * L2 / 4;
        final double[] expected = PlantProbe.solve(a1 + 2 * a2, a3 + a2, a3 + a2, a3, tau);
        final double[] acceleration = new double[2];

        plant.setDisturbanceForce(plant.bodyIndex("end_effector"), fx, fy);
        plant.accelerations(q, new double[2], acceleration);

        assertEquals(expected[0], acceleration[0], 1e-7);
        assertEquals(expected[1], acceleration[1], 1e-7);
    }

    @Test
    void shouldReportTheEndEffectorPositionAsChannels() {
        plant.reset(new double[] {Math.PI / 2, -Math.PI / 2}, new double[2]);

        assertEquals(L2, plant.channel(plant.channelIndex("end_effector_x")), 1e-12);
        assertEquals(L1, plant.channel(plant.channelIndex("end_effector_y")), 1e-12);
    }
}
