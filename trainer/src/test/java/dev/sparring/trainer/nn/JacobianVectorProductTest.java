package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JacobianVectorProductTest {
    @Test
    void shouldMatchCentralFiniteDifferenceOfTheOutput() {
        final int batch = 3;
        final Mlp mlp = new Mlp(new int[] {3, 5, 4, 2},
            new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY},
            new double[] {1.0, 1.0, 1.0}, batch, 17L);
        final SplittableRandom random = new SplittableRandom(3L);
        final double[] x = new double[batch * 3];
        final double[] v = new double[mlp.parameterCount()];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextGaussian();
        }
        for (int k = 0; k < v.length; k++) {
            v[k] = random.nextGaussian();
        }
        final double[] theta = mlp.parameters().clone();
        mlp.forward(x, batch);
        final double[] jv = mlp.jacobianVectorProduct(v, batch).clone();

        final double epsilon = 1e-5;
        final double[] plus = shifted(mlp, theta, v, epsilon, x, batch);
        final double[] minus = shifted(mlp, theta, v, -epsilon, x, batch);
        for (int k = 0; k < jv.length; k++) {
            assertEquals((plus[k] - minus[k]) / (2.0 * epsilon), jv[k], 1e-8, "output " + k);
        }
    }

    private static double[] shifted(final Mlp mlp, final double[] theta, final double[] v, final double epsilon,
        final double[] x, final int batch) {
        final double[] moved = theta.clone();
        for (int k = 0; k < moved.length; k++) {
            moved[k] += epsilon * v[k];
        }
        mlp.setParameters(moved);
        final double[] out = mlp.forward(x, batch).clone();
        mlp.setParameters(theta);
        return out;
    }
}
