package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class ContextFeaturesTest {
    private static final LinearGaussianContextFeatures DEFAULT = new LinearGaussianContextFeatures();

    @Test
    void shouldLayOutModelParametersAndRewardStatistics() {
        // Noise-free: s' = A s + B a + c, r = w_R·(s, a) + b_R exactly, so the fits recover them and the residual
        // variances are the floor.
        final LinearGaussianSystem exact = new LinearGaussianSystem(2, 1, new double[] {0.9, 0.1, -0.2, 0.8},
            new double[] {0.5, -0.3}, new double[] {0.1, 0.2}, 0.0, new double[] {1.0, -2.0, 0.5}, 0.7, 0.0);
        final TransitionWindow window = exact.window(new SplitMix64(1), 60);

        final double[] v = DEFAULT.features(window);

        final double logFloor = Math.log(LinearGaussianModel.VARIANCE_FLOOR);
        final double[] models = {
            0.9, 0.1, 0.5, 0.1, -0.2, 0.8, -0.3, 0.2, logFloor, logFloor, 1.0, -2.0, 0.5, 0.7, logFloor};
        assertEquals((2 + 1) * (3 + 2) + 2, v.length);
        assertEquals(v.length, DEFAULT.dimension(2, 1));
        for (int i = 0; i < models.length; i++) {
            assertEquals(models[i], v[i], 1e-5, "feature " + i);
        }
        double mean = 0.0;
        for (final double r : window.rewards()) {
            mean += r;
        }
        mean /= 60;
        double variance = 0.0;
        for (final double r : window.rewards()) {
            variance += (r - mean) * (r - mean);
        }
        assertEquals(mean, v[15], 1e-12);
        assertEquals(Math.sqrt(variance / 60), v[16], 1e-12);
    }

    @Test
    void shouldReportWindowTooShortInsteadOfFailing() {
        final SplitMix64 random = new SplitMix64(2);
        final TransitionWindow[] windows = {
            LinearGaussianSystem.TYPES[0].window(random, 30),
            LinearGaussianSystem.TYPES[0].window(random, 4),
            LinearGaussianSystem.TYPES[1].window(random, 5),
        };

        final ContextFeatures features = ContextFeatures.extract(DEFAULT, windows);

        assertEquals(5, DEFAULT.minimumCount(2, 1));
        assertTrue(features.sufficient(0));
        assertFalse(features.sufficient(1));
        assertNull(features.features()[1]);
        assertEquals("insufficient data: 4 tuples, need 5", features.insufficient()[1]);
        assertTrue(features.sufficient(2));
        assertArrayEquals(new int[] {0, 2}, features.sufficientRobots());
        assertThrows(InsufficientDataException.class, () -> DEFAULT.features(windows[1]));
    }

    @Test
    void shouldReportWindowWithNonFiniteValue() {
        final SplitMix64 random = new SplitMix64(4);
        final TransitionWindow broken = LinearGaussianSystem.TYPES[0].window(random, 30);
        broken.rewards()[7] = Double.NaN;

        final ContextFeatures features = ContextFeatures.extract(DEFAULT, new TransitionWindow[] {
            LinearGaussianSystem.TYPES[0].window(random, 30), broken});

        assertTrue(features.sufficient(0));
        assertFalse(features.sufficient(1));
        assertEquals(ContextFeatures.NON_FINITE, features.insufficient()[1]);
    }

    @Test
    void shouldReportEmptyWindow() {
        final TransitionWindow empty = new TransitionWindow(0, 2, 1, new double[0], new double[0], new double[0],
            new double[0]);

        final ContextFeatures features = ContextFeatures.extract(DEFAULT, new TransitionWindow[] {empty});

        assertEquals("insufficient data: 0 tuples, need 5", features.insufficient()[0]);
    }

    @Test
    void shouldAppendTaskSpecificFeatures() {
        final ContextFeatureExtractor load = new ContextFeatureExtractor() {
            @Override
            public double[] features(final TransitionWindow window) {
                return new double[] {window.count()};
            }

            @Override
            public int dimension(final int observationSize, final int actionSize) {
                return 1;
            }
        };
        final ContextFeatureExtractor combined = new ConcatenatedFeatures(DEFAULT, load);
        final TransitionWindow window = LinearGaussianSystem.TYPES[2].window(new SplitMix64(3), 25);

        final double[] v = combined.features(window);

        assertEquals(DEFAULT.dimension(2, 1) + 1, combined.dimension(2, 1));
        assertEquals(DEFAULT.minimumCount(2, 1), combined.minimumCount(2, 1));
        final double[] expected = new double[18];
        System.arraycopy(DEFAULT.features(window), 0, expected, 0, 17);
        expected[17] = 25;
        assertArrayEquals(expected, v, 0.0);
    }

    @Test
    void shouldValidateWindowLengths() {
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> new TransitionWindow(2, 2, 1, new double[4], new double[2], new double[2], new double[3]));

        assertEquals("nextObservations must have 4 values, had 3", thrown.getMessage());
    }
}
