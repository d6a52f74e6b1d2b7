package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sparring.controller.ChildJvm;
import dev.sparring.hal.random.SplitMix64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Same seed, same trajectory: a MuJoCo plant driven by seeded random efforts and disturbances ends in the same state,
 * bit for bit, twice in one JVM and in a child JVM.
 */
@ExtendWith(RequiresMujoco.class)
class MujocoDeterminismTest {
    private static final int ENV_STEPS = 1000;
    private static final int FRAME_SKIP = 4;
    private static final double NOISE = 0.1;
    private static final double FORCE_N = 5.0;

    @Test
    void shouldEndInTheSameStateForTheSameSeedInThisJvmAndInAnother() throws IOException, InterruptedException {
        final String first = finalStateHash("walker2d", 42);
        final String again = finalStateHash("walker2d", 42);
        final String otherSeed = finalStateHash("walker2d", 43);

        final Process child = new ProcessBuilder(ChildJvm.command(MujocoDeterminismTest.class, "walker2d", "42"))
            .redirectErrorStream(true).start();
        final String childOutput = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), childOutput);
        final List<String> lines = childOutput.strip().lines().toList();

        assertEquals(first, again);
        assertNotEquals(first, otherSeed, "the seed changes the trajectory");
        assertEquals(first, lines.get(lines.size() - 1), "the child JVM's final state hash");
    }

    /**
     * Prints the final state's hash of {@link #finalStateHash} for a model and seed: run in a child JVM.
     *
     * @param args model name and seed.
     */
    public static void main(final String[] args) {
        System.out.println(finalStateHash(args[0], Long.parseLong(args[1])));
    }

    private static String finalStateHash(final String model, final long seed) {
        try (MujocoPlant plant = MujocoPlant.bundled(model)) {
            final SplitMix64 random = new SplitMix64(seed);
            final double[] positions = new double[plant.dof()];
            final double[] velocities = new double[plant.dof()];
            for (int j = 0; j < plant.dof(); j++) {
                positions[j] = plant.q(j) + random.uniform(-NOISE, NOISE);
                velocities[j] = random.uniform(-NOISE, NOISE);
            }
            plant.reset(positions, velocities);
            for (int t = 0; t < ENV_STEPS; t++) {
                for (int j = 0; j < plant.dof(); j++) {
                    if (plant.isActuated(j)) {
                        plant.setJointEffort(j, random.uniform(-50.0, 50.0));
                    }
                }
                for (int body = 1; body < plant.model().nbody(); body++) {
                    plant.setDisturbanceForce(body, random.uniform(-FORCE_N, FORCE_N),
                        random.uniform(-FORCE_N, FORCE_N));
                }
                plant.advance(FRAME_SKIP);
            }
            if (plant.simulationFailed()) {
                throw new IllegalStateException(model + " failed: " + plant.failureMessage());
            }
            final double[] state = new double[plant.stateSize()];
            plant.saveState(state, 0);
            long hash = 0xCBF29CE484222325L;
            for (final double value : state) {
                hash = (hash ^ Double.doubleToRawLongBits(value)) * 0x100000001B3L;
            }
            return Long.toHexString(hash);
        }
    }
}
