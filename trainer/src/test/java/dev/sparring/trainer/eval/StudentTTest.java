package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Student's t and the incomplete beta against scipy 1.17 ({@code scipy.stats.t.sf}, {@code scipy.special.betainc}). */
class StudentTTest {
    private static final double LGAMMA_QUARTER = 1.2880225246980772;
    private static final double LGAMMA_MILLI = 6.907178885383854;
    private static final double LGAMMA_123_4 = 469.3360974421906;

    @ParameterizedTest
    @CsvSource({
        "2.0, 5, 0.050969739414929174",
        "0.5, 10, 0.3139468028714865",
        "-1.3, 3, 0.8577662456360515",
        "2.5705818366147395, 5, 0.024999999970316773",
        "1.0, 7.3, 0.17464922822655723",
        "3.7, 2.4, 0.024764397671859954",
        "0.1, 60.5, 0.4603374813861512",
        "10.0, 4.1, 0.00024805976081297026",
        "1.5, 2.5, 0.12391822654314809",
        "-0.7, 30, 0.7553397782501642",
        "25.0, 3, 7.016569497877428e-05",
        "0.0, 9, 0.5"})
    void shouldMatchScipysSurvivalFunction(final double t, final double df, final double scipy) {
        assertEquals(scipy, StudentT.survival(t, df), 1e-12 * scipy);
    }

    @Test
    void shouldMatchTheCauchyAndTwoDegreeClosedForms() {
        for (final double t : new double[] {-3.0, -0.4, 0.0, 0.9, 2.0, 40.0}) {
            assertEquals(0.5 - Math.atan(t) / Math.PI, StudentT.survival(t, 1.0), 1e-13, "ν = 1, t = " + t);
            assertEquals(0.5 - t / (2.0 * Math.sqrt(t * t + 2.0)), StudentT.survival(t, 2.0), 1e-13,
                "ν = 2, t = " + t);
        }
    }

    @Test
    void shouldGiveTwoSidedPValuesSymmetricInT() {
        assertEquals(0.10193947882985835, StudentT.twoSidedP(2.0, 5), 1e-13);
        assertEquals(0.10193947882985835, StudentT.twoSidedP(-2.0, 5), 1e-13);
        assertEquals(1.0, StudentT.twoSidedP(0.0, 5), 0.0);
    }

    @ParameterizedTest
    @CsvSource({
        "0.3, 2.5, 0.5, 0.018927124071945658",
        "0.9, 0.5, 3.7, 0.9999410401521994",
        "0.5, 10, 10, 0.5",
        "0.01, 50, 0.5, 7.998227417904836e-102",
        "0.999, 0.5, 0.5, 0.9798649583666235"})
    void shouldMatchScipysRegularizedIncompleteBeta(final double x, final double a, final double b,
        final double scipy) {
        assertEquals(scipy, StudentT.regularizedIncompleteBeta(x, a, b), 1e-12 * scipy);
    }

    @Test
    void shouldMatchTheIncompleteBetasClosedFormsForNonIntegerParameters() {
        // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
        for (final double x : new double[] {0.05, 0.4, 0.77, 0.98}) {
            assertEquals(1.0 - Math.pow(1.0 - x, 3.7), StudentT.regularizedIncompleteBeta(x, 1.0, 3.7), 1e-13);
            assertEquals(Math.pow(x, 2.3), StudentT.regularizedIncompleteBeta(x, 2.3, 1.0), 1e-13);
        }
        assertEquals(0.0, StudentT.regularizedIncompleteBeta(0.0, 2.0, 3.0), 0.0);
        assertEquals(1.0, StudentT.regularizedIncompleteBeta(1.0, 2.0, 3.0), 0.0);
    }

    @Test
    void shouldComputeLogGammaOfKnownValues() {
        assertEquals(Math.log(Math.sqrt(Math.PI)), StudentT.logGamma(0.5), 1e-14);
        assertEquals(Math.log(362_880.0), StudentT.logGamma(10.0), 1e-13);
        assertEquals(0.0, StudentT.logGamma(1.0), 1e-14);
        // Python's math.lgamma (below ½ through the reflection formula).
        assertEquals(LGAMMA_QUARTER, StudentT.logGamma(0.25), 1e-13);
        assertEquals(LGAMMA_MILLI, StudentT.logGamma(1e-3), 1e-12);
        assertEquals(LGAMMA_123_4, StudentT.logGamma(123.4), 1e-12);
    }

    @Test
    void shouldRefuseNonPositiveDegreesOfFreedom() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StudentT.survival(1.0, 0.0));
        assertEquals("degrees of freedom must be > 0, was 0.0", e.getMessage());
    }
}
