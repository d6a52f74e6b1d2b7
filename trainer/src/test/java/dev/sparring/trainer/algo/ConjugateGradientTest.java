package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConjugateGradientTest {
    private static final double[][] A = {{4.0, 1.0, 0.0}, {1.0, 3.0, 1.0}, {0.0, 1.0, 2.0}};

    @Test
    void shouldSolveSpdSystemExactlyInDimensionIterations() {
        final double[] x = new double[3];
        final ConjugateGradient cg = new ConjugateGradient(3);

        final int iterations = cg.solve(ConjugateGradientTest::multiply, new double[] {1.0, 2.0, 3.0}, x, 10, 1e-24);

        // By exact elimination: x = (2/9, 1/9, 13/9).
        assertArrayEquals(new double[] {2.0 / 9.0, 1.0 / 9.0, 13.0 / 9.0}, x, 1e-12);
        assertEquals(3, iterations, "CG converges in at most n steps on an n-dimensional SPD system");
    }

    @Test
    void shouldStopAfterIterationLimit() {
        final double[] x = new double[3];

        final int iterations = new ConjugateGradient(3).solve(ConjugateGradientTest::multiply,
            new double[] {1.0, 2.0, 3.0}, x, 1, 1e-24);

        assertEquals(1, iterations);
        // One step is steepest descent from 0: x = (bᵀb / bᵀAb) b = (14/50) b.
        assertArrayEquals(new double[] {14.0 / 50.0, 28.0 / 50.0, 42.0 / 50.0}, x, 1e-12);
    }

    private static void multiply(final double[] v, final double[] result) {
        for (int i = 0; i < 3; i++) {
            result[i] = A[i][0] * v[0] + A[i][1] * v[1] + A[i][2] * v[2];
        }
    }
}
