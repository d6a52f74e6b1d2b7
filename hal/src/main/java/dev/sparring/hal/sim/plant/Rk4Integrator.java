package dev.sparring.hal.sim.plant;

/**
 * Classic fourth-order Runge–Kutta with a fixed step over a state vector of fixed length, with its four stage buffers
 * preallocated: explicit, four derivative evaluations per step, no iteration, so a step always takes the same time,
 * allocates nothing and gives bit-identical results for identical inputs. Its local error is {@code O(h⁵)}.
 */
final class Rk4Integrator {
    /** The right-hand side {@code ẏ = f(y)} of the system being integrated. */
    interface Derivative {
        /**
         * @param y  the state.
         * @param dy receives {@code f(y)}.
         */
        void evaluate(double[] y, double[] dy);
    }

    private final Derivative f;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] stage;

    /**
     * @param size the state's length.
     * @param f    the right-hand side.
     */
    Rk4Integrator(final int size, final Derivative f) {
        this.f = f;
        this.k1 = new double[size];
        this.k2 = new double[size];
        this.k3 = new double[size];
        this.k4 = new double[size];
        this.stage = new double[size];
    }

    /**
     * Advances {@code y} in place by one step.
     *
     * @param y     the state, updated.
     * @param stepS the step, &gt; 0.
     */
    void step(final double[] y, final double stepS) {
        final int n = y.length;
        final double half = 0.5 * stepS;
        f.evaluate(y, k1);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + half * k1[i];
        }
        f.evaluate(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + half * k2[i];
        }
        f.evaluate(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + stepS * k3[i];
        }
        f.evaluate(stage, k4);
        final double sixth = stepS / 6.0;
        for (int i = 0; i < n; i++) {
            y[i] += sixth * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }
}
