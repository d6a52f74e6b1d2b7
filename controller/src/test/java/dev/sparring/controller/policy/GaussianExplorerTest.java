package dev.sparring.controller.policy;

import dev.sparring.hal.AllocationProbe;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exploring mode: samples of the policy's Gaussian, their log-density, the limits, seeds and allocation. */
class GaussianExplorerTest {
    private static final float[] LOG_STD = {-1.0f, -0.5f, 0.0f};
    private static final PolicyModel MODEL = RandomPolicies.create(3, 5, new int[] {16}, 3, Activation.TANH)
        .withActionLogStd(LOG_STD);
    private static final double[] OBSERVATION = {0.3, -1.2, 0.8, 0.0, 2.0};

    @Test
    void shouldSampleAroundTheMeanWithTheFilesStdAndLogItsExactDensity() {
        final MlpExecutor mean = new MlpExecutor(MODEL);
        final double[] deterministic = new double[3];
        mean.act(OBSERVATION, deterministic);
        final float[] scale = MODEL.actionScale();
        final float[] offset = MODEL.actionOffset();
        final GaussianExplorer explorer = new GaussianExplorer(MODEL, new GaussianNoise(11));
        final double[] action = new double[3];
        final double[] sample = new double[3];
        final int draws = 40_000;
        final double[] sum = new double[3];
        final double[] sumOfSquares = new double[3];
        for (int n = 0; n < draws; n++) {
            explorer.act(OBSERVATION, action);
            final double logProbability = explorer.lastDraw(sample);
            double expected = 0.0;
            for (int k = 0; k < 3; k++) {
                final double sigma = Math.exp(LOG_STD[k]);
                final double y = (deterministic[k] - offset[k]) / scale[k];
                final double epsilon = ((sample[k] - offset[k]) / scale[k] - y) / sigma;
                expected += -0.5 * epsilon * epsilon - LOG_STD[k] - 0.5 * Math.log(2 * Math.PI);
                sum[k] += epsilon;
                sumOfSquares[k] += epsilon * epsilon;
                assertEquals(Math.max(-50, Math.min(50, sample[k])), action[k], 0.0, "the sample, clamped");
            }
            assertEquals(expected, logProbability, 1e-6, "log N(ỹ; y, σ²) in network-output units");
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(0.0, sum[k] / draws, 0.02, "ε has mean 0");
            assertEquals(1.0, sumOfSquares[k] / draws, 0.03, "ε has variance 1: the file's σ is used");
        }
    }

    @Test
    void shouldClampTheSampleToThePolicysLimitsButLogTheSampleItself() {
        final float[] limit = {0.5f, 0.5f, 0.5f};
        final float[] negativeLimit = {-0.5f, -0.5f, -0.5f};
        final float[][] weights = {MODEL.weights(0), MODEL.weights(1)};
        final float[][] biases = {MODEL.biases(0), MODEL.biases(1)};
        final PolicyModel narrow = new PolicyModel(5, new int[] {16, 3},
            new Activation[] {Activation.TANH, Activation.IDENTITY}, weights, biases, MODEL.observationMean(),
            MODEL.observationStd(), MODEL.observationClip(), MODEL.actionScale(), MODEL.actionOffset(), negativeLimit,
            limit, LOG_STD, MODEL.metadata());
        final GaussianExplorer explorer = new GaussianExplorer(narrow, new GaussianNoise(5));
        final double[] action = new double[3];
        final double[] sample = new double[3];
        int clamped = 0;
        for (int n = 0; n < 1_000; n++) {
            explorer.act(OBSERVATION, action);
            explorer.lastDraw(sample);
            for (int k = 0; k < 3; k++) {
                assertTrue(action[k] >= -0.5 && action[k] <= 0.5, "executed within the limits");
                assertEquals(Math.max(-0.5, Math.min(0.5, sample[k])), action[k], 0.0);
                clamped += action[k] != sample[k] ? 1 : 0;
            }
        }
        assertTrue(clamped > 100, "σ up to 1 makes many samples leave ±0.5, were " + clamped);
    }

    @Test
    void shouldRepeatItsSamplesForTheSameSeedOnly() {
        assertArrayEquals(samples(7), samples(7));
        assertFalse(Arrays.equals(samples(7), samples(8)));
    }

    private static double[] samples(final long seed) {
        final GaussianExplorer explorer = new GaussianExplorer(MODEL, new GaussianNoise(seed));
        final double[] all = new double[300];
        final double[] action = new double[3];
        for (int n = 0; n < 100; n++) {
            explorer.act(OBSERVATION, action);
            System.arraycopy(action, 0, all, 3 * n, 3);
        }
        return all;
    }

    @Test
    void shouldDrawStandardNormalNoise() {
        final GaussianNoise noise = new GaussianNoise(1);
        double sum = 0;
        double squares = 0;
        double withinOne = 0;
        final int n = 200_000;
        for (int i = 0; i < n; i++) {
            final double x = noise.next();
            sum += x;
            squares += x * x;
            withinOne += Math.abs(x) < 1 ? 1 : 0;
        }
        assertEquals(0.0, sum / n, 0.01);
        assertEquals(1.0, squares / n, 0.01);
        assertEquals(0.6827, withinOne / n, 0.005, "P(|x| < 1) of N(0, 1), for the cached spares as well");
    }

    @Test
    void shouldRefuseAPolicyWithoutStd() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new GaussianExplorer(RandomPolicies.create(3, 5, new int[] {16}, 3, Activation.TANH),
                new GaussianNoise(1)));
        assertTrue(e.getMessage().contains("carries no action standard deviation"), e.getMessage());
    }

    @Test
    void shouldSampleWithoutAllocating() {
        final GaussianExplorer explorer = new GaussianExplorer(MODEL, new GaussianNoise(2));
        final double[] action = new double[3];
        final double[] sample = new double[3];
        assertEquals(0, AllocationProbe.bytesAllocatedWhenSteady(50_000, i -> {
            explorer.act(OBSERVATION, action);
            explorer.lastDraw(sample);
        }));
    }
}
