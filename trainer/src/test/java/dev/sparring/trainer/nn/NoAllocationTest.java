package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparring.hal.AllocationProbe;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class NoAllocationTest {
    private static final int BATCH = 16;

    @Test
    void shouldNotAllocateInForwardBackwardAfterWarmUp() {
        final Mlp mlp = new Mlp(
            new int[] {8, 64, 64, 2},
            new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY},
            new double[] {Math.sqrt(2.0), Math.sqrt(2.0), 0.01},
            BATCH,
            41L);
        final DiagonalGaussian pi = new DiagonalGaussian(2, BATCH);
        final Adam adam = new Adam(mlp.parameterCount(), 3e-4, 0.9, 0.999, 1e-5);
        final SplittableRandom random = new SplittableRandom(42L);
        final double[] x = new double[BATCH * 8];
        final double[] a = new double[BATCH * 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble(-1.0, 1.0);
        }
        for (int k = 0; k < a.length; k++) {
            a[k] = random.nextDouble(-1.0, 1.0);
        }
        final double[] logProb = new double[BATCH];
        final double[] dLogProb = new double[BATCH];
        Arrays.fill(dLogProb, -1.0 / BATCH);

        final IntConsumer trainingStep = i -> {
            mlp.zeroGradients();
            pi.zeroGradients();
            final double[] mu = mlp.forward(x, BATCH);
            pi.logLikelihood(mu, a, BATCH, logProb);
            mlp.backward(pi.backwardLogLikelihood(mu, a, dLogProb, BATCH), BATCH);
            GradientClipping.clipGlobalNorm(mlp.gradients(), 0.5);
            adam.step(mlp.parameters(), mlp.gradients());
        };
        // The work allocates nothing even when interpreted, so the probe's own warm-up would end at once; JIT
        // compilation first, so that the measured round runs compiled code.
        AllocationProbe.bytesAllocated(20_000, trainingStep);
        assertEquals(0L, AllocationProbe.bytesAllocatedWhenSteady(2_000, trainingStep));
    }
}
