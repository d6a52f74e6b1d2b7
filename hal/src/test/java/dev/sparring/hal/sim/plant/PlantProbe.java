package dev.sparring.hal.sim.plant;

/**
 * Test helpers that probe a plant from outside: finite-difference Jacobians of its channels and a small solver.
 */
final class PlantProbe {
    private static final double DELTA = 1e-6;

    private PlantProbe() {
    }

    /**
     * Central-difference Jacobian of a body's application point, from its {@code <body>_x}/{@code <body>_y}
     * channels; leaves the plant at {@code q} at rest.
     *
     * @return {@code [0][j] = ∂x/∂q_j}, {@code [1][j] = ∂y/∂q_j}.
     */
    static double[][] pointJacobian(final RigidBodyPlant plant, final String body, final double[] q) {
        final int cx = plant.channelIndex(body + "_x");
        final int cy = plant.channelIndex(body + "_y");
        final int n = plant.dof();
        final double[][] jacobian = new double[2][n];
        for (int j = 0; j < n; j++) {
            final double[] plus = q.clone();
            final double[] minus = q.clone();
            plus[j] += DELTA;
            minus[j] -= DELTA;
            plant.reset(plus, new double[n]);
            final double xPlus = plant.channel(cx);
            final double yPlus = plant.channel(cy);
            plant.reset(minus, new double[n]);
            jacobian[0][j] = (xPlus - plant.channel(cx)) / (2 * DELTA);
            jacobian[1][j] = (yPlus - plant.channel(cy)) / (2 * DELTA);
        }
        plant.reset(q, new double[n]);
        return jacobian;
    }

    /**
     * Central-difference derivative of the plant's accelerations with respect to its state {@code (q, q̇)}.
     *
     * @return {@code [i][k] = ∂q̈_i/∂s_k} with {@code s = (q, q̇)}.
     */
    static double[][] accelerationJacobian(final RigidBodyPlant plant, final double[] q, final double[] qd) {
        final int n = plant.dof();
        final double[][] result = new double[n][2 * n];
        final double[] plus = new double[n];
        final double[] minus = new double[n];
        for (int k = 0; k < 2 * n; k++) {
            final double[] qPlus = q.clone();
            final double[] qdPlus = qd.clone();
            final double[] qMinus = q.clone();
            final double[] qdMinus = qd.clone();
            if (k < n) {
                qPlus[k] += DELTA;
                qMinus[k] -= DELTA;
            } else {
                qdPlus[k - n] += DELTA;
                qdMinus[k - n] -= DELTA;
            }
            plant.accelerations(qPlus, qdPlus, plus);
            plant.accelerations(qMinus, qdMinus, minus);
            for (int i = 0; i < n; i++) {
                result[i][k] = (plus[i] - minus[i]) / (2 * DELTA);
            }
        }
        return result;
    }

    /**
     * @return the solution of the 2×2 system {@code [[a, b], [c, d]] x = r}.
     */
    static double[] solve(final double a, final double b, final double c, final double d, final double[] r) {
        final double det = a * d - b * c;
        return new double[] {(d * r[0] - b * r[1]) / det, (a * r[1] - c * r[0]) / det};
    }

    /**
     * Steps the plant for {@code durationS} and returns the largest relative deviation of {@code energy()} from its
     * starting value, measured above {@code referenceJ}.
     */
    static double maxRelativeEnergyDrift(final RigidBodyPlant plant, final double stepS, final double durationS,
        final double referenceJ) {
        final double initial = plant.energy() - referenceJ;
        double worst = 0;
        final long steps = Math.round(durationS / stepS);
        for (long s = 0; s < steps; s++) {
            plant.step(stepS);
            worst = Math.max(worst, Math.abs(plant.energy() - referenceJ - initial) / initial);
        }
        return worst;
    }
}
