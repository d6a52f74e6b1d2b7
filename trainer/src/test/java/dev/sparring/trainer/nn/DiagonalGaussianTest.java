package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
    private static final double H = 1e-5;
    private static final int D = 3;
    private static final int BATCH = 4;

    @Test
    void shouldStartWithUnitStandardDeviation() {
        final DiagonalGaussian pi = new DiagonalGaussian(D, BATCH);
        for (int i = 0; i < D; i++) {
            assertEquals(0.0, pi.logStd()[i], 0.0);
        }
    }

    @Test
    void shouldMatchStandardNormalDensityAtKnownPoint() {
        // d = 1, σ = 1, a - μ = 1: log π = -½ - ½ log 2π.
        final DiagonalGaussian pi = new DiagonalGaussian(1, 1);
        final double[] logProb = new double[1];
        pi.logLikelihood(new double[] {0.5}, new double[] {1.5}, 1, logProb);
        assertEquals(-0.5 - 0.5 * Math.log(2.0 * Math.PI), logProb[0], 1e-15);
    }

    @Test
    void shouldMatchFiniteDifferencesForLogLikelihoodGradient() {
        final SplittableRandom random = new SplittableRandom(31L);
        final DiagonalGaussian pi = new DiagonalGaussian(D, BATCH);
        final double[] mu = new double[BATCH * D];
        final double[] a = new double[BATCH * D];
        final double[] w = new double[BATCH];
        for (int i = 0; i < D; i++) {
            pi.logStd()[i] = random.nextDouble(-1.0, 0.5);
        }
        for (int k = 0; k < mu.length; k++) {
            mu[k] = random.nextDouble(-1.0, 1.0);
            a[k] = random.nextDouble(-2.0, 2.0);
        }
        for (int s = 0; s < BATCH; s++) {
            w[s] = random.nextDouble(-1.0, 1.0);
        }
        pi.zeroGradients();
        final double[] dMu = pi.backwardLogLikelihood(mu, a, w, BATCH).clone();
        final double[] dLogStd = pi.logStdGradient().clone();
        final double[] logProb = new double[BATCH];
        for (int k = 0; k < mu.length; k++) {
            final double saved = mu[k];
            mu[k] = saved + H;
            final double plus = weightedLogLikelihood(pi, mu, a, w, logProb);
            mu[k] = saved - H;
            final double minus = weightedLogLikelihood(pi, mu, a, w, logProb);
            mu[k] = saved;
            assertClose(dMu[k], (plus - minus) / (2.0 * H), "mean " + k);
        }
        for (int i = 0; i < D; i++) {
            final double saved = pi.logStd()[i];
            pi.logStd()[i] = saved + H;
            final double plus = weightedLogLikelihood(pi, mu, a, w, logProb);
            pi.logStd()[i] = saved - H;
            final double minus = weightedLogLikelihood(pi, mu, a, w, logProb);
            pi.logStd()[i] = saved;
            assertClose(dLogStd[i], (plus - minus) / (2.0 * H), "logStd " + i);
        }
    }

    @Test
    void shouldGiveZeroKlBetweenPolicyAndItself() {
        final double[] mu = {0.3, -1.2, 2.0};
        final double[] logStd = {-0.5, 0.0, 0.7};
        assertEquals(0.0, DiagonalGaussian.kl(mu, logStd, mu, logStd, 0, D), 1e-15);
    }

    @Test
    void shouldMatchHandComputedKlOfTwoDiagonalGaussians() {
        // Dim 1: N(0, 1) ‖ N(1, 4): log 2 - 0 + (1 + 1)/8 - ½ = log 2 - ¼.
        // Dim 2: N(2, e²) ‖ N(2, 1): 0 - 1 + e²/2 - ½ = e²/2 - 3/2.
        final double expected = Math.log(2.0) - 0.25 + Math.exp(2.0) / 2.0 - 1.5;
        final double kl = DiagonalGaussian.kl(
            new double[] {9.0, 0.0, 2.0}, new double[] {0.0, 1.0},
            new double[] {9.0, 1.0, 2.0}, new double[] {Math.log(2.0), 0.0}, 1, 2);
        assertEquals(expected, kl, 1e-14);
    }

    @Test
    void shouldMatchClosedFormEntropy() {
        final DiagonalGaussian pi = new DiagonalGaussian(2, 1);
        pi.logStd()[0] = Math.log(0.5);
        pi.logStd()[1] = Math.log(3.0);
        // H = ½ log((2πe)² σ₁² σ₂²) for d = 2.
        final double expected = 0.5 * Math.log(Math.pow(2.0 * Math.PI * Math.E, 2) * 0.25 * 9.0);
        assertEquals(expected, pi.entropy(), 1e-14);
    }

    private static double weightedLogLikelihood(
        final DiagonalGaussian pi, final double[] mu, final double[] a, final double[] w, final double[] logProb) {
        pi.logLikelihood(mu, a, BATCH, logProb);
        double sum = 0.0;
        for (int s = 0; s < BATCH; s++) {
            sum += w[s] * logProb[s];
        }
        return sum;
    }

    private static void assertClose(final double analytic, final double numeric, final String what) {
        final double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), 1e-8);
        final double relative = Math.abs(analytic - numeric) / scale;
        assertTrue(relative < 1e-6, what + ": analytic " + analytic + ", numeric " + numeric);
    }
}
