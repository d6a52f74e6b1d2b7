package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class ModelDivergenceTest {
    private static final Correspondence IDENTITY = Correspondence.identity(2, 1);
    private static final Correspondence SWAP = new Correspondence(new int[] {1, 0}, new int[] {0});

    @Test
    void shouldMatchNumericalIntegralForUnivariateGaussians() {
        final double mu1 = 0.3;
        final double var1 = 0.5;
        final double mu2 = -1.0;
        final double var2 = 2.0;

        // ∫ (p − q)(ln p − ln q) dx by Simpson's rule over ±30 (beyond which both densities are below 1e-90).
        final int intervals = 60_000;
        final double low = -30.0;
        final double h = 60.0 / intervals;
        double sum = 0.0;
        for (int i = 0; i <= intervals; i++) {
            final double x = low + i * h;
            final double lp = logNormal(x, mu1, var1);
            final double lq = logNormal(x, mu2, var2);
            final double f = (Math.exp(lp) - Math.exp(lq)) * (lp - lq);
            sum += (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        final double integral = sum * h / 3.0;

        final double closed = ModelDivergence.gaussianSymmetricKl(new double[] {mu1}, new double[] {var1},
            new double[] {mu2}, new double[] {var2}, 1);
        // ½ [0.25 + 4 − 2 + 1.69 · (2 + 0.5)] = 3.2375.
        assertEquals(3.2375, closed, 1e-12);
        assertEquals(integral, closed, 1e-9);
    }

    @Test
    void shouldMatchNumericalIntegralForCorrelatedBivariateGaussians() {
        final double[] mean1 = {0.5, -0.2};
        final double[] covariance1 = {1.0, 0.6, 0.6, 0.8};
        final double[] mean2 = {-0.3, 0.4};
        final double[] covariance2 = {0.7, -0.2, -0.2, 1.5};

        final int intervals = 1_200;
        final double low = -15.0;
        final double h = 30.0 / intervals;
        double sum = 0.0;
        for (int i = 0; i <= intervals; i++) {
            final double wi = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            for (int j = 0; j <= intervals; j++) {
                final double wj = j == 0 || j == intervals ? 1 : j % 2 == 1 ? 4 : 2;
                final double x = low + i * h;
                final double y = low + j * h;
                final double lp = logNormal2(x, y, mean1, covariance1);
                final double lq = logNormal2(x, y, mean2, covariance2);
                sum += wi * wj * (Math.exp(lp) - Math.exp(lq)) * (lp - lq);
            }
        }
        final double integral = sum * h * h / 9.0;

        assertEquals(integral, ModelDivergence.gaussianSymmetricKl(mean1, covariance1, mean2, covariance2, 2), 1e-8);
    }

    @Test
    void shouldEqualMeanOfPointwiseDivergenceOverPooledInputs() {
        final SplitMix64 random = new SplitMix64(11);
        final TransitionWindow windowP = LinearGaussianSystem.TYPES[0].window(random, 40);
        final TransitionWindow windowQ = LinearGaussianSystem.TYPES[1].window(random, 70);
        final LinearGaussianModel p = RobotModels.fit(windowP).transition();
        final LinearGaussianModel q = RobotModels.fit(windowQ).transition();

        double sum = 0.0;
        final double[] meanP = new double[2];
        final double[] meanQ = new double[2];
        for (final TransitionWindow window : new TransitionWindow[] {windowP, windowQ}) {
            final double[] x = window.inputs();
            for (int t = 0; t < window.count(); t++) {
                p.mean(x, t * 3, meanP);
                q.mean(x, t * 3, meanQ);
                sum += ModelDivergence.gaussianSymmetricKl(meanP, p.covariance(), meanQ, q.covariance(), 2);
            }
        }
        final double expected = sum / 110;

        assertEquals(expected, ModelDivergence.conditionalSymmetricKl(p, q), 1e-10 * expected);
    }

    @Test
    void shouldMatchMonteCarloEstimateOverGaussianInputs() {
        final LinearGaussianModel p = new LinearGaussianModel(2, 2, new double[] {0.9, 0.1, 0.2, 0.8},
            new double[] {0.1, 0.0}, new double[] {0.3, 0.1, 0.1, 0.2}, 1, new double[2], new double[4]);
        final LinearGaussianModel q = new LinearGaussianModel(2, 2, new double[] {0.7, -0.1, 0.3, 1.0},
            new double[] {0.0, 0.2}, new double[] {0.5, -0.1, -0.1, 0.4}, 1, new double[2], new double[4]);
        final double[] inputMean = {0.5, -0.5};
        final double[] inputCovariance = {1.0, 0.3, 0.3, 0.5};
        // x = x̄ + L z with L the Cholesky factor of C.
        final double l00 = 1.0;
        final double l10 = 0.3;
        final double l11 = Math.sqrt(0.5 - 0.09);

        final SplitMix64 random = new SplitMix64(3);
        final int samples = 400_000;
        double sum = 0.0;
        double sumSquares = 0.0;
        final double[] x = new double[2];
        final double[] meanP = new double[2];
        final double[] meanQ = new double[2];
        for (int k = 0; k < samples; k++) {
            final double z0 = random.nextGaussian();
            final double z1 = random.nextGaussian();
            x[0] = inputMean[0] + l00 * z0;
            x[1] = inputMean[1] + l10 * z0 + l11 * z1;
            p.mean(x, 0, meanP);
            q.mean(x, 0, meanQ);
            final double[] yP = sample(random, meanP, p.covariance());
            final double[] yQ = sample(random, meanQ, q.covariance());
            // One sample of ln p/q under p plus one of ln q/p under q: an unbiased estimate of the symmetric KL.
            final double value = logNormal2(yP[0], yP[1], meanP, p.covariance())
                - logNormal2(yP[0], yP[1], meanQ, q.covariance())
                + logNormal2(yQ[0], yQ[1], meanQ, q.covariance())
                - logNormal2(yQ[0], yQ[1], meanP, p.covariance());
            sum += value;
            sumSquares += value * value;
        }
        final double estimate = sum / samples;
        final double standardError = Math.sqrt((sumSquares / samples - estimate * estimate) / samples);

        final double closed = ModelDivergence.conditionalSymmetricKl(p, q, inputMean, inputCovariance);
        assertEquals(estimate, closed, 4.0 * standardError);
    }

    @Test
    void shouldBeZeroForIdenticalModels() {
        final RobotModels models = RobotModels.fit(LinearGaussianSystem.TYPES[2].window(new SplitMix64(5), 100));

        final ModelDivergence.Estimate estimate = ModelDivergence.estimate(models, models,
            ModelDivergence.DEFAULT_LAMBDA, new Correspondence[] {IDENTITY});

        assertEquals(0.0, estimate.m(), 1e-12);
        assertEquals(0.0, estimate.rewardDivergence(), 1e-12);
        assertEquals(0.0, estimate.transitionDivergence(), 1e-12);
    }

    @Test
    void shouldFindCorrespondenceOfRelabelledCopy() {
        final RobotModels a = RobotModels.fit(LinearGaussianSystem.TYPES[1].window(new SplitMix64(8), 200));
        // b is a with its two observations exchanged (left and right legs): a's observation i is b's SWAP(i).
        final RobotModels b = a.permuted(SWAP);

        final ModelDivergence.Estimate declared = ModelDivergence.estimate(a, b, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {IDENTITY, SWAP});
        final ModelDivergence.Estimate undeclared = ModelDivergence.estimate(a, b, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {IDENTITY});

        assertEquals(1, declared.correspondence());
        assertEquals(0.0, declared.m(), 1e-12);
        assertTrue(undeclared.m() > 0.4, "identity divergence " + undeclared.m());
    }

    @Test
    void shouldFindCorrespondenceOfRelabelledSystemFromItsOwnData() {
        final LinearGaussianSystem type = LinearGaussianSystem.TYPES[1];
        final TransitionWindow window = type.window(new SplitMix64(9), 300);
        final RobotModels a = RobotModels.fit(window);
        final RobotModels b = RobotModels.fit(relabelled(type).window(new SplitMix64(10), 300));

        final ModelDivergence.Estimate estimate = ModelDivergence.estimate(a, b, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {IDENTITY, SWAP});

        final double identity = ModelDivergence.estimate(a, b, ModelDivergence.DEFAULT_LAMBDA,
            new Correspondence[] {IDENTITY}).m();

        assertEquals(1, estimate.correspondence());
        assertTrue(estimate.m() < 0.1, "m at the swap " + estimate.m());
        assertTrue(identity > 0.4, "m at the identity " + identity);
    }

    @Test
    void shouldWeighRewardAndTransitionDivergenceByLambda() {
        final RobotModels a = RobotModels.fit(LinearGaussianSystem.TYPES[0].window(new SplitMix64(1), 150));
        final RobotModels b = RobotModels.fit(LinearGaussianSystem.TYPES[2].window(new SplitMix64(2), 150));
        final Correspondence[] identity = {IDENTITY};

        final ModelDivergence.Estimate half = ModelDivergence.estimate(a, b, 0.5, identity);
        final double rewardOnly = ModelDivergence.estimate(a, b, 1.0, identity).m();
        final double transitionOnly = ModelDivergence.estimate(a, b, 0.0, identity).m();

        assertEquals(1.0 - Math.exp(-half.rewardDivergence()), rewardOnly, 1e-15);
        assertEquals(1.0 - Math.exp(-half.transitionDivergence()), transitionOnly, 1e-15);
        assertEquals(0.5 * rewardOnly + 0.5 * transitionOnly, half.m(), 1e-15);
        assertTrue(half.m() > 0.0 && half.m() <= 1.0);
        assertThrows(IllegalArgumentException.class, () -> ModelDivergence.estimate(a, b, 1.5, identity));
    }

    @Test
    void shouldGiveSymmetricMatrixWithZeroDiagonal() {
        final SplitMix64 random = new SplitMix64(4);
        final RobotModels[] robots = new RobotModels[3];
        for (int i = 0; i < 3; i++) {
            robots[i] = RobotModels.fit(LinearGaussianSystem.TYPES[i].window(random, 100));
        }

        final double[][] m = ModelDivergence.matrix(robots, 0.5, new Correspondence[] {IDENTITY});

        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, m[i][i], 0.0);
            for (int j = 0; j < 3; j++) {
                assertEquals(m[i][j], m[j][i], 0.0);
            }
        }
        assertEquals(ModelDivergence.estimate(robots[0], robots[2], 0.5, new Correspondence[] {IDENTITY}).m(),
            m[0][2], 0.0);
    }

    /** The same type with observations 0 and 1 exchanged. */
    private static LinearGaussianSystem relabelled(final LinearGaussianSystem type) {
        final double[] a = type.a();
        final double[] b = type.b();
        final double[] w = type.rewardWeights();
        return new LinearGaussianSystem(2, 1, new double[] {a[3], a[2], a[1], a[0]}, new double[] {b[1], b[0]},
            new double[] {type.c()[1], type.c()[0]}, type.sigmaS(), new double[] {w[1], w[0], w[2]},
            type.rewardBias(), type.sigmaR());
    }

    private static double[] sample(final SplitMix64 random, final double[] mean, final double[] covariance) {
        final double l00 = Math.sqrt(covariance[0]);
        final double l10 = covariance[2] / l00;
        final double l11 = Math.sqrt(covariance[3] - l10 * l10);
        final double z0 = random.nextGaussian();
        final double z1 = random.nextGaussian();
        return new double[] {mean[0] + l00 * z0, mean[1] + l10 * z0 + l11 * z1};
    }

    private static double logNormal(final double x, final double mean, final double variance) {
        return -0.5 * (Math.log(2.0 * Math.PI * variance) + (x - mean) * (x - mean) / variance);
    }

    private static double logNormal2(final double x, final double y, final double[] mean, final double[] covariance) {
        final double determinant = covariance[0] * covariance[3] - covariance[1] * covariance[2];
        final double dx = x - mean[0];
        final double dy = y - mean[1];
        final double quadratic = (covariance[3] * dx * dx - 2.0 * covariance[1] * dx * dy + covariance[0] * dy * dy)
            / determinant;
        return -0.5 * (2.0 * Math.log(2.0 * Math.PI) + Math.log(determinant) + quadratic);
    }
}
