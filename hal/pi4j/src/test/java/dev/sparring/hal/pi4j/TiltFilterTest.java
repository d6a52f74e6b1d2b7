package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The MPU-6050's roll/pitch complementary filter against ground truth: gravity seen at known angles. */
class TiltFilterTest {
    private static final double G = 9.80665;
    private static final double TAU_S = 0.5;
    private static final long PERIOD_NS = 1_000_000L;

    private final TiltFilter filter = new TiltFilter(TAU_S);

    @Test
    void theFirstSampleSeedsBothAnglesFromTheAccelerometerWhateverTheRates() {
        final double roll = 0.4;
        final double pitch = -0.3;
        gravityAt(0L, roll, pitch, 5.0, -3.0, 2.0);
        assertEquals(roll, filter.rollRad(), 1e-12);
        assertEquals(pitch, filter.pitchRad(), 1e-12);
    }

    @Test
    void beforeAnySampleTheAnglesAreUnknown() {
        assertTrue(Double.isNaN(filter.rollRad()));
        assertTrue(Double.isNaN(filter.pitchRad()));
    }

    @Test
    void aStaticTiltIsApproachedWithTheTimeConstantAndConvergesToTheGravityAngles() {
        gravityAt(0L, 0.0, 0.0, 0.0, 0.0, 0.0);
        final double roll = 0.3;
        final double pitch = -0.2;
        final int ticksPerTau = (int) (TAU_S * 1e9 / PERIOD_NS);
        for (int i = 1; i <= ticksPerTau; i++) {
            gravityAt(i * PERIOD_NS, roll, pitch, 0.0, 0.0, 0.0);
        }
        assertEquals(Math.exp(-1), (roll - filter.rollRad()) / roll, 0.001, "after τ, e⁻¹ of the step is left");
        assertEquals(Math.exp(-1), (pitch - filter.pitchRad()) / pitch, 0.001);
        for (int i = ticksPerTau + 1; i <= 10 * ticksPerTau; i++) {
            gravityAt(i * PERIOD_NS, roll, pitch, 0.0, 0.0, 0.0);
        }
        assertEquals(Math.atan2(Math.sin(roll) * Math.cos(pitch), Math.cos(roll) * Math.cos(pitch)),
            filter.rollRad(), 1e-4);
        assertEquals(pitch, filter.pitchRad(), 1e-4);
    }

    @Test
    void aConstantRollRateWithConsistentGravityGivesTheIntegratedAngleAtAFixedPitch() {
        final double rateRadPerS = 0.8;
        final double pitch = 0.3;
        double maxErrorRad = 0.0;
        for (int i = 0; i <= 2000; i++) {
            final double roll = rateRadPerS * i * PERIOD_NS * 1e-9;
            gravityAt(i * PERIOD_NS, roll, pitch, rateRadPerS, 0.0, 0.0);
            maxErrorRad = Math.max(maxErrorRad, Math.abs(roll - filter.rollRad()));
            maxErrorRad = Math.max(maxErrorRad, Math.abs(pitch - filter.pitchRad()));
        }
        assertEquals(1.6, filter.rollRad(), 1e-6);
        assertTrue(maxErrorRad < 1e-6, "max error " + maxErrorRad);
    }

    @Test
    void aRollThroughPlusMinusPiIsFollowedWithoutAJump() {
        final double rateRadPerS = 0.5;
        for (int i = 0; i <= 1000; i++) {
            final double roll = 3.0 + rateRadPerS * i * PERIOD_NS * 1e-9;
            gravityAt(i * PERIOD_NS, roll, 0.0, rateRadPerS, 0.0, 0.0);
        }
        assertEquals(3.5 - 2 * Math.PI, filter.rollRad(), 1e-6);
    }

    @Test
    void aGyroBiasLeavesTheKnownSteadyStateErrorBiasTimesTau() {
        final double biasRadPerS = 0.02;
        for (int i = 0; i <= 10_000; i++) {
            gravityAt(i * PERIOD_NS, 0.0, 0.0, biasRadPerS, 0.0, 0.0);
        }
        assertEquals(biasRadPerS * TAU_S, filter.rollRad(), biasRadPerS * TAU_S * 0.01);
    }

    @Test
    void theSameTickTwiceIntegratesNothing() {
        gravityAt(0L, 0.0, 0.0, 0.0, 0.0, 0.0);
        gravityAt(PERIOD_NS, 0.0, 0.0, 1.0, 0.0, 0.0);
        final double once = filter.rollRad();
        gravityAt(PERIOD_NS, 0.0, 0.0, 1.0, 0.0, 0.0);
        assertEquals(once, filter.rollRad());
    }

    @Test
    void afterAResetTheNextSampleSeedsAgain() {
        gravityAt(0L, 0.0, 0.0, 0.0, 0.0, 0.0);
        filter.reset();
        gravityAt(PERIOD_NS, 0.7, 0.1, 0.0, 0.0, 0.0);
        assertEquals(0.7, filter.rollRad(), 1e-12);
        assertEquals(0.1, filter.pitchRad(), 1e-12);
    }

    /** One sample of a body at roll, pitch (ZYX Euler) at rest but for the given body rates: gravity's reaction. */
    private void gravityAt(final long nowNs, final double roll, final double pitch, final double wx, final double wy,
        final double wz) {
        filter.update(nowNs, -G * Math.sin(pitch), G * Math.sin(roll) * Math.cos(pitch),
            G * Math.cos(roll) * Math.cos(pitch), wx, wy, wz);
    }
}
