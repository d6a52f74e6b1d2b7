package dev.sparring.hal.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CholeskySolverTest {
    @Test
    void shouldFactorAndSolveKnownSystem() {
        // A = L Lᵀ with L = [[2, 0], [1, 3]]: A = [[4, 2], [2, 10]], det A = 36; A x = b for x = (1, -1).
        final double[] a = {4.0, 2.0, 2.0, 10.0};
        assertTrue(CholeskySolver.factorInPlace(a, 2));
        assertEquals(2.0, a[0], 0.0);
        assertEquals(1.0, a[2], 0.0);
        assertEquals(3.0, a[3], 0.0);
        assertEquals(Math.log(36.0), CholeskySolver.logDeterminantOfFactored(a, 2), 1e-15);
        final double[] b = {2.0, -8.0};
        CholeskySolver.solveFactoredInPlace(a, b, 2);
        assertArrayEquals(new double[] {1.0, -1.0}, b, 1e-15);
    }

    @Test
    void shouldSolveInOneCall() {
        final double[] a = {4.0, 2.0, 2.0, 10.0};
        final double[] b = {2.0, -8.0};
        CholeskySolver.solveInPlace(a, b, 2);
        assertArrayEquals(new double[] {1.0, -1.0}, b, 1e-15);
    }

    @Test
    void shouldReportMatrixThatIsNotPositiveDefinite() {
        assertFalse(CholeskySolver.factorInPlace(new double[] {1.0, 2.0, 2.0, 1.0}, 2));
        assertFalse(CholeskySolver.factorInPlace(new double[] {0.0}, 1));
    }
}
