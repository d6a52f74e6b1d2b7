package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.hal.random.SplitMix64;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our MJCF files against Gymnasium's originals ({@code ../shared/reference/gymnasium-mujoco/}, test data only,
 * beside the repository): the same sizes, options and physical arrays, and the same 1 000-step trajectory under the
 * same random controls and body forces from the same perturbed initial state.
 */
@ExtendWith(RequiresMujoco.class)
class GymnasiumModelEquivalenceTest {
    private static final Path REFERENCE = CartPoleRig.ROOT.resolve("../shared/reference/gymnasium-mujoco");
    private static final double TOLERANCE = 1e-9;
    private static final int ENV_STEPS = 1000;
    private static final long SEED = 42;
    private static final double NOISE = 0.1;
    private static final double FORCE_N = 5.0;
    private static final int WRENCH = 6;
    private static final int FORCE_COMPONENTS = 3;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"inverted_pendulum, 2", "half_cheetah, 5", "swimmer, 4", "hopper, 4", "walker2d, 4"})
    void shouldMatchGymnasiumsModelInEveryPhysicalArrayAndTrajectory(final String name, final int frameSkip) {
        final Path reference = REFERENCE.resolve(name + ".xml");
        assumeTrue(Files.isRegularFile(reference), () -> "Gymnasium's reference model " + reference.toAbsolutePath()
            + " is absent (test data kept beside the repository, never in it): the comparison is skipped");
        try (MujocoModel ours = MujocoModel.load(BundledModels.path(name));
             MujocoModel theirs = MujocoModel.load(reference)) {
            assertEquals(theirs.nq(), ours.nq(), "nq");
            assertEquals(theirs.nv(), ours.nv(), "nv");
            assertEquals(theirs.nu(), ours.nu(), "nu");
            assertEquals(theirs.nbody(), ours.nbody(), "nbody");
            assertEquals(theirs.njnt(), ours.njnt(), "njnt");
            assertEquals(theirs.ngeom(), ours.ngeom(), "ngeom");
            assertEquals(theirs.timestepS(), ours.timestepS(), "opt.timestep");
            assertEquals(theirs.integrator(), ours.integrator(), "opt.integrator");
            assertClose(ours, theirs, MujocoModel::bodyMass);
            assertClose(ours, theirs, MujocoModel::bodyInertia);
            assertClose(ours, theirs, MujocoModel::jointRange);
            assertClose(ours, theirs, MujocoModel::dofDamping);
            assertClose(ours, theirs, MujocoModel::dofArmature);
            assertClose(ours, theirs, MujocoModel::actuatorGear);
            assertClose(ours, theirs, MujocoModel::actuatorControlRange);
            assertClose(ours, theirs, MujocoModel::geomFriction);
            assertClose(ours, theirs, MujocoModel::geomSize);

            final double[] gap = trajectoryGap(ours, theirs, frameSkip);

            assertTrue(gap[0] <= TOLERANCE, name + ": max |Δqpos| over " + ENV_STEPS + " steps was " + gap[0]);
            assertTrue(gap[1] <= TOLERANCE, name + ": max |Δqvel| over " + ENV_STEPS + " steps was " + gap[1]);
        }
    }

    private static void assertClose(final MujocoModel ours, final MujocoModel theirs,
                                    final Function<MujocoModel, NativeDoubles> field) {
        final double[] expected = field.apply(theirs).toArray();
        final double[] actual = field.apply(ours).toArray();
        final String what = field.apply(ours).name() + " of " + ours.file().getFileName();
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }

    /** @return max |Δqpos| and max |Δqvel| over every env step. */
    private static double[] trajectoryGap(final MujocoModel ours, final MujocoModel theirs, final int frameSkip) {
        final double[] gap = new double[2];
        try (MujocoData a = ours.makeData(); MujocoData b = theirs.makeData()) {
            final SplitMix64 random = new SplitMix64(SEED);
            for (int i = 0; i < ours.nq(); i++) {
                final double value = ours.qpos0().get(i) + random.uniform(-NOISE, NOISE);
                a.qpos().set(i, value);
                b.qpos().set(i, value);
            }
            for (int i = 0; i < ours.nv(); i++) {
                final double value = random.uniform(-NOISE, NOISE);
                a.qvel().set(i, value);
                b.qvel().set(i, value);
            }
            assertEquals(StepResult.OK, a.forward());
            assertEquals(StepResult.OK, b.forward());
            for (int t = 0; t < ENV_STEPS; t++) {
                for (int u = 0; u < ours.nu(); u++) {
                    final double control = random.uniform(ours.actuatorControlRange().get(u, 0),
                        ours.actuatorControlRange().get(u, 1));
                    a.ctrl().set(u, control);
                    b.ctrl().set(u, control);
                }
                for (int body = 1; body < ours.nbody(); body++) {
                    for (int axis = 0; axis < FORCE_COMPONENTS; axis++) {
                        final double forceN = random.uniform(-FORCE_N, FORCE_N);
                        a.xfrcApplied().set(body * WRENCH + axis, forceN);
                        b.xfrcApplied().set(body * WRENCH + axis, forceN);
                    }
                }
                assertEquals(StepResult.OK, a.step(frameSkip), a.lastMessage());
                assertEquals(StepResult.OK, b.step(frameSkip), b.lastMessage());
                for (int i = 0; i < ours.nq(); i++) {
                    gap[0] = Math.max(gap[0], Math.abs(a.qpos().get(i) - b.qpos().get(i)));
                }
                for (int i = 0; i < ours.nv(); i++) {
                    gap[1] = Math.max(gap[1], Math.abs(a.qvel().get(i) - b.qvel().get(i)));
                }
            }
        }
        return gap;
    }
}
