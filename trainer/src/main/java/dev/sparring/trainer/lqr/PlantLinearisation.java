package dev.sparring.trainer.lqr;

import dev.sparring.hal.plant.Plant;

/**
 * Linearises a simulated plant around an equilibrium as the discrete-time model the controller actually sees: the
 * state {@code x = (q, q̇)} after one control period of zero-order-held effort on the actuated joints, by central
 * finite differences of the simulator itself ({@code A = ∂x⁺/∂x}, {@code B = ∂x⁺/∂u}). Design time only.
 */
public final class PlantLinearisation {
    private static final double EPSILON = 1e-6;

    private final double[][] a;
    private final double[][] b;

    private PlantLinearisation(final double[][] a, final double[][] b) {
        this.a = a;
        this.b = b;
    }

    /**
     * @param plant          the plant (its state is overwritten).
     * @param positions      equilibrium joint positions.
     * @param actuatedJoints indices of the joints whose effort is an input, in input order.
     * @param periodS        control period (s), a whole number of the plant's timesteps.
     * @return the linear model.
     */
    public static PlantLinearisation around(final Plant plant, final double[] positions, final int[] actuatedJoints,
        final double periodS) {
        final double innerStepS = plant.timestepS();
        final int steps = (int) Math.round(periodS / innerStepS);
        if (steps < 1 || Math.abs(steps * innerStepS - periodS) > 1e-12) {
            throw new IllegalArgumentException("control period " + periodS + " s is not a whole number of inner steps "
                + innerStepS + " s");
        }
        final int n = 2 * plant.dof();
        final double[] x0 = new double[n];
        System.arraycopy(positions, 0, x0, 0, plant.dof());
        final double[] u0 = new double[actuatedJoints.length];
        final double[][] a = new double[n][n];
        final double[][] b = new double[n][u0.length];
        for (int j = 0; j < n; j++) {
            final double[] plus = x0.clone();
            final double[] minus = x0.clone();
            plus[j] += EPSILON;
            minus[j] -= EPSILON;
            setColumn(a, j, difference(simulate(plant, plus, u0, actuatedJoints, steps),
                simulate(plant, minus, u0, actuatedJoints, steps)));
        }
        for (int j = 0; j < u0.length; j++) {
            final double[] plus = u0.clone();
            final double[] minus = u0.clone();
            plus[j] += EPSILON;
            minus[j] -= EPSILON;
            setColumn(b, j, difference(simulate(plant, x0, plus, actuatedJoints, steps),
                simulate(plant, x0, minus, actuatedJoints, steps)));
        }
        return new PlantLinearisation(a, b);
    }

    /**
     * @return the state matrix A (n×n), state ordered (q, q̇).
     */
    public double[][] a() {
        return a;
    }

    /**
     * @return the input matrix B (n×m).
     */
    public double[][] b() {
        return b;
    }

    private static double[] simulate(final Plant plant, final double[] x, final double[] u, final int[] joints,
        final int steps) {
        final int dof = plant.dof();
        final double[] q = new double[dof];
        final double[] qd = new double[dof];
        System.arraycopy(x, 0, q, 0, dof);
        System.arraycopy(x, dof, qd, 0, dof);
        plant.reset(q, qd);
        for (int i = 0; i < joints.length; i++) {
            plant.setJointEffort(joints[i], u[i]);
        }
        plant.advance(steps);
        final double[] next = new double[2 * dof];
        for (int i = 0; i < dof; i++) {
            next[i] = plant.q(i);
            next[dof + i] = plant.qd(i);
        }
        return next;
    }

    private static double[] difference(final double[] plus, final double[] minus) {
        final double[] column = new double[plus.length];
        for (int i = 0; i < column.length; i++) {
            column[i] = (plus[i] - minus[i]) / (2 * EPSILON);
        }
        return column;
    }

    private static void setColumn(final double[][] matrix, final int column, final double[] values) {
        for (int i = 0; i < values.length; i++) {
            matrix[i][column] = values[i];
        }
    }
}
