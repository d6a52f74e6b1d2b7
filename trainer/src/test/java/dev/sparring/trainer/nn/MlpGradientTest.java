package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlpGradientTest {
    private static final double H = 1e-5;
    private static final double MAX_RELATIVE_ERROR = 1e-6;
    private static final int BATCH = 5;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void shouldMatchFiniteDifferencesForEveryLayerType(final Activation activation) {
        final Mlp mlp = new Mlp(new int[] {4, 3}, new Activation[] {activation}, new double[] {1.0}, BATCH, 11L);
        randomiseBiases(mlp, 12L);
        checkGradients(mlp, 4, 3, 13L);
    }

    @Test
    void shouldMatchFiniteDifferencesForThreeLayerNetworkInAllParametersAndInputs() {
        final Mlp mlp = new Mlp(
            new int[] {3, 6, 5, 2},
            new Activation[] {Activation.TANH, Activation.RELU, Activation.IDENTITY},
            new double[] {Math.sqrt(2.0), Math.sqrt(2.0), 0.01},
            BATCH,
            21L);
        randomiseBiases(mlp, 22L);
        checkGradients(mlp, 3, 2, 23L);
    }

    private static void randomiseBiases(final Mlp mlp, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < mlp.layerCount(); l++) {
            final DenseLayer layer = mlp.layer(l);
            final int biasOffset = layer.offset() + layer.inputSize() * layer.outputSize();
            for (int j = 0; j < layer.outputSize(); j++) {
                mlp.parameters()[biasOffset + j] = random.nextDouble(-0.5, 0.5);
            }
        }
    }

    /** Checks backprop of the loss {@code L = Σ c·y} for random {@code c} against central differences. */
    private static void checkGradients(final Mlp mlp, final int inputSize, final int outputSize, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] x = new double[BATCH * inputSize];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble(-2.0, 2.0);
        }
        final double[] c = new double[BATCH * outputSize];
        for (int k = 0; k < c.length; k++) {
            c[k] = random.nextDouble(-1.0, 1.0);
        }
        mlp.zeroGradients();
        mlp.forward(x, BATCH);
        final double[] dx = mlp.backward(c, BATCH).clone();
        final double[] dTheta = mlp.gradients().clone();

        final double[] theta = mlp.parameters();
        for (int k = 0; k < theta.length; k++) {
            final double saved = theta[k];
            theta[k] = saved + H;
            final double plus = loss(mlp, x, c);
            theta[k] = saved - H;
            final double minus = loss(mlp, x, c);
            theta[k] = saved;
            assertClose(dTheta[k], (plus - minus) / (2.0 * H), "parameter " + k);
        }
        for (int k = 0; k < x.length; k++) {
            final double saved = x[k];
            x[k] = saved + H;
            final double plus = loss(mlp, x, c);
            x[k] = saved - H;
            final double minus = loss(mlp, x, c);
            x[k] = saved;
            assertClose(dx[k], (plus - minus) / (2.0 * H), "input " + k);
        }
    }

    private static double loss(final Mlp mlp, final double[] x, final double[] c) {
        final double[] y = mlp.forward(x, BATCH);
        double sum = 0.0;
        for (int k = 0; k < c.length; k++) {
            sum += c[k] * y[k];
        }
        return sum;
    }

    private static void assertClose(final double analytic, final double numeric, final String what) {
        final double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), 1e-8);
        final double relative = Math.abs(analytic - numeric) / scale;
        assertTrue(relative < MAX_RELATIVE_ERROR,
            what + ": analytic " + analytic + ", numeric " + numeric + ", relative error " + relative);
    }
}
