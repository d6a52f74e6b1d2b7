package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class LinearGaussianModelTest {
    @Test
    void shouldFitLeastSquaresLineAndUnbiasedResidualVariance() {
        // x̄ = 1.5, ȳ = 2.75, S_xy = 5.5/4, S_xx = 5/4: slope 1.1, intercept 1.1; residuals −0.1, 0.8, −1.3, 0.6,
        // RSS 2.7 over n − d_x − 1 = 2 degrees of freedom: σ² = 1.35, plus the floor.
        final LinearGaussianModel model = LinearGaussianModel.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5},
            4, 1, 1);

        assertEquals(1.1, model.weights()[0], 1e-7);
        assertEquals(1.1, model.bias()[0], 1e-7);
        assertEquals(1.35 + LinearGaussianModel.VARIANCE_FLOOR, model.covariance()[0], 1e-7);
        assertEquals(1.5, model.inputMean()[0], 0.0);
        assertEquals(1.25, model.inputCovariance()[0], 1e-15);
        assertEquals(4, model.count());
    }

    @Test
    void shouldRecoverNoiseFreeMultivariateModel() {
        final SplitMix64 random = new SplitMix64(7);
        final int n = 50;
        final double[] w = {0.5, -1.0, 2.0, 0.0, 0.3, -0.7};
        final double[] bias = {0.25, -2.0};
        final double[] x = new double[n * 3];
        final double[] y = new double[n * 2];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 3; j++) {
                x[t * 3 + j] = random.nextGaussian();
            }
            for (int i = 0; i < 2; i++) {
                y[t * 2 + i] = bias[i] + w[i * 3] * x[t * 3] + w[i * 3 + 1] * x[t * 3 + 1]
                    + w[i * 3 + 2] * x[t * 3 + 2];
            }
        }

        final LinearGaussianModel model = LinearGaussianModel.fit(x, y, n, 3, 2);

        assertArrayEquals(w, model.weights(), 1e-6);
        assertArrayEquals(bias, model.bias(), 1e-6);
        final double floor = LinearGaussianModel.VARIANCE_FLOOR;
        assertArrayEquals(new double[] {floor, 0.0, 0.0, floor}, model.covariance(), 1e-12);
    }

    @Test
    void shouldGiveConstantInputZeroWeight() {
        // The second input never moves: the ridge makes the solution unique and gives it no weight.
        final double[] x = {0, 1, 1, 1, 2, 1, 3, 1};
        final LinearGaussianModel model = LinearGaussianModel.fit(x, new double[] {1, 3, 5, 7}, 4, 2, 1);

        assertEquals(2.0, model.weights()[0], 1e-7);
        assertEquals(0.0, model.weights()[1], 0.0);
        assertEquals(1.0, model.bias()[0], 1e-7);
    }

    @Test
    void shouldReportTooFewTuples() {
        final InsufficientDataException thrown = assertThrows(InsufficientDataException.class,
            () -> LinearGaussianModel.fit(new double[6], new double[3], 3, 2, 1));

        assertEquals("insufficient data: 3 tuples, need 4", thrown.getMessage());
        assertEquals(3, thrown.count());
        assertEquals(4, thrown.needed());
    }

    @Test
    void shouldRelabelVariables() {
        final LinearGaussianModel model = new LinearGaussianModel(2, 2, new double[] {1, 2, 3, 4},
            new double[] {5, 6}, new double[] {1, 0.5, 0.5, 2}, 10, new double[] {7, 8}, new double[] {1, 0.1, 0.1, 3});

        final LinearGaussianModel swapped = model.permuted(new int[] {1, 0}, new int[] {1, 0});

        assertArrayEquals(new double[] {4, 3, 2, 1}, swapped.weights(), 0.0);
        assertArrayEquals(new double[] {6, 5}, swapped.bias(), 0.0);
        assertArrayEquals(new double[] {2, 0.5, 0.5, 1}, swapped.covariance(), 0.0);
        assertArrayEquals(new double[] {8, 7}, swapped.inputMean(), 0.0);
        assertArrayEquals(new double[] {3, 0.1, 0.1, 1}, swapped.inputCovariance(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> model.permuted(new int[] {0, 0}, new int[] {0, 1}));
    }
}
