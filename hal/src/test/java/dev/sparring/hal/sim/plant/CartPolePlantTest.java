package dev.sparring.hal.sim.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CartPolePlantTest {
    private static final double CART_KG = 1.0;
    private static final double POLE_KG = 0.1;
    private static final double HALF_LENGTH_M = 0.5;
    private static final double GRAVITY = 9.8;

    private final CartPolePlant plant = new CartPolePlant();

    @Test
    void shouldMatchTheAnalyticLinearisationAtTheUprightEquilibrium() {
        final double cartDamping = 0.1;
        final double poleDamping = 0.01;
        plant.setParameter(plant.parameterIndex("slider_viscous_n_s_per_m"), cartDamping);
        plant.setParameter(plant.parameterIndex("hinge_viscous_nm_s_per_rad"), poleDamping);
        final double ml = POLE_KG * HALF_LENGTH_M;
        final double inertiaAtHinge = 4.0 / 3.0 * POLE_KG * HALF_LENGTH_M * HALF_LENGTH_M;
        final double total = CART_KG + POLE_KG;
        final double det = total * inertiaAtHinge - ml * ml;
        final double[][] expectedA = {
            {0, -ml * ml * GRAVITY / det, -inertiaAtHinge * cartDamping / det, ml * poleDamping / det},
            {0, total * ml * GRAVITY / det, ml * cartDamping / det, -total * poleDamping / det}};
        final double[] expectedB = {inertiaAtHinge / det, -ml / det};

        final double[][] a = PlantProbe.accelerationJacobian(plant, new double[2], new double[2]);
        final double[] b = inputColumn();

        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(expectedA[i][k], a[i][k], 1e-6, "A[" + (i + 2) + "][" + k + "]");
            }
            assertEquals(expectedB[i], b[i], 1e-9, "B[" + (i + 2) + "]");
        }
    }

    @Test
    void shouldMatchBartoCartPoleEquationsForAUniformRod() {
        final double forceN = 4.0;
        final double[] q = {0.3, 0.7};
        final double[] qd = {-0.4, 1.9};
        final double sin = Math.sin(q[1]);
        final double cos = Math.cos(q[1]);
        final double total = CART_KG + POLE_KG;
        final double temp = (forceN + POLE_KG * HALF_LENGTH_M * qd[1] * qd[1] * sin) / total;
        final double thetaAcc = (GRAVITY * sin - cos * temp)
            / (HALF_LENGTH_M * (4.0 / 3.0 - POLE_KG * cos * cos / total));
        final double xAcc = temp - POLE_KG * HALF_LENGTH_M * thetaAcc * cos / total;
        final double[] acceleration = new double[2];

        plant.setJointEffort(0, forceN);
        plant.accelerations(q, qd, acceleration);

        assertEquals(xAcc, acceleration[0], 1e-12);
        assertEquals(thetaAcc, acceleration[1], 1e-12);
    }

    @Test
    void shouldAccelerateTheCartAtForceOverMassWhenThePoleIsNegligible() {
        final double cartKg = 2.0;
        plant.setParameter(plant.parameterIndex("cart_mass_kg"), cartKg);
        plant.setParameter(plant.parameterIndex("pole_mass_kg"), 1e-9);
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), 0.0);
        plant.reset(new double[2], new double[2]);

        plant.setDisturbanceForce(plant.bodyIndex("cart"), 3.0, 7.0);
        plant.setTimestepS(1e-3);
        plant.advance(1000);

        assertEquals(0.5 * 1.5 * 1.0, plant.q(0), 1e-8);
        assertEquals(1.5, plant.qd(0), 1e-8);
    }

    @Test
    void shouldApplyThePoleDisturbanceThroughTheJacobianOfItsCentreOfMass() {
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), 0.0);
        final double[] q = {0.2, 0.4};
        final double[][] jacobian = PlantProbe.pointJacobian(plant, "pole", q);
        final double fx = 1.5;
        final double fy = -2.5;
        final double[] tau = {jacobian[0][0] * fx + jacobian[1][0] * fy, jacobian[0][1] * fx + jacobian[1][1] * fy};
        final double ml = POLE_KG * HALF_LENGTH_M;
        final double[] expected = PlantProbe.solve(CART_KG + POLE_KG, ml * Math.cos(q[1]), ml * Math.cos(q[1]),
            4.0 / 3.0 * POLE_KG * HALF_LENGTH_M * HALF_LENGTH_M, tau);
        final double[] acceleration = new double[2];

        plant.setDisturbanceForce(plant.bodyIndex("pole"), fx, fy);
        plant.accelerations(q, new double[2], acceleration);

        assertEquals(expected[0], acceleration[0], 1e-8);
        assertEquals(expected[1], acceleration[1], 1e-8);
    }

    @Test
    void shouldRefuseEffortOnThePassiveHinge() {
        assertThrows(IllegalArgumentException.class, () -> plant.setJointEffort(1, 1.0));
    }

    private double[] inputColumn() {
        final double[] plus = new double[2];
        final double[] zero = new double[2];
        plant.setJointEffort(0, 1.0);
        plant.accelerations(new double[2], new double[2], plus);
        plant.setJointEffort(0, 0.0);
        plant.accelerations(new double[2], new double[2], zero);
        return new double[] {plus[0] - zero[0], plus[1] - zero[1]};
    }
}
