package dev.sparring.trainer.lqr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscreteLqrTest {

    @Test
    void shouldMatchClosedFormScalarRiccatiSolution() {
        final double a = 1.2;
        final double b = 0.5;
        final double q = 2.0;
        final double r = 0.3;
        // b²p² + (r − a²r − qb²)p − qr = 0, positive root.
        final double linear = r - a * a * r - q * b * b;
        final double p = (-linear + Math.sqrt(linear * linear + 4 * b * b * q * r)) / (2 * b * b);
        final DiscreteLqr lqr = DiscreteLqr.solve(new double[][] {{a}}, new double[][] {{b}}, new double[][] {{q}},
            new double[][] {{r}});
        assertEquals(p, lqr.cost()[0][0], 1e-9);
        assertEquals(b * p * a / (r + b * b * p), lqr.gain()[0][0], 1e-9);
    }

    @Test
    void shouldStabiliseDiscretisedDoubleIntegrator() {
        final double dt = 0.01;
        final double[][] a = {{1, dt}, {0, 1}};
        final double[][] b = {{0.5 * dt * dt}, {dt}};
        final DiscreteLqr lqr = DiscreteLqr.solve(a, b, new double[][] {{1, 0}, {0, 1}}, new double[][] {{0.1}});
        final double[][] k = lqr.gain();
        double x = 1.0;
        double v = 0.0;
        for (int step = 0; step < 2000; step++) {
            final double u = -(k[0][0] * x + k[0][1] * v);
            final double nextX = x + dt * v + 0.5 * dt * dt * u;
            v = v + dt * u;
            x = nextX;
        }
        assertTrue(Math.abs(x) < 1e-3 && Math.abs(v) < 1e-3, "closed loop converges, was x=" + x + " v=" + v);
    }

    @Test
    void shouldRefuseUnstabilisableSystem() {
        assertThrows(IllegalArgumentException.class, () -> DiscreteLqr.solve(new double[][] {{2.0}},
            new double[][] {{0.0}}, new double[][] {{1.0}}, new double[][] {{1.0}}));
    }
}
