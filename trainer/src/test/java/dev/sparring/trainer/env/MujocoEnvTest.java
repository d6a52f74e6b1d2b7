package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.hal.random.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class MujocoEnvTest {
    static final List<String> TASKS = Tasks.MUJOCO_NAMES;
    private static final double BOUND_N = 1.25;

    /**
     * @param task a MuJoCo task.
     * @return a scripted plant with the joints (model order), motors, bodies and sweep parameters of the task's
     *         model.
     */
    static ScriptedPlant plantFor(final String task) {
        return switch (task) {
            case "mujoco_inverted_pendulum" -> new ScriptedPlant("inverted_pendulum", List.of("slider", "hinge"),
                List.of("slider"), List.of("cart", "pole"),
                List.of("pole_mass_kg", "slider_damping_n_s_per_m", "hinge_damping_nm_s_per_rad"));
            case "half_cheetah" -> new ScriptedPlant("half_cheetah", List.of("rootx", "rootz", "rooty", "bthigh",
                "bshin", "bfoot", "fthigh", "fshin", "ffoot"), List.of("bthigh", "bshin", "bfoot", "fthigh", "fshin",
                "ffoot"), List.of("torso", "bthigh", "bshin", "bfoot", "fthigh", "fshin", "ffoot"),
                List.of("torso_mass_kg", "bshin_friction", "bfoot_friction", "ffoot_friction"));
            case "swimmer" -> new ScriptedPlant("swimmer", List.of("slider1", "slider2", "free_body_rot",
                "motor1_rot", "motor2_rot"), List.of("motor1_rot", "motor2_rot"), List.of("torso", "mid", "back"),
                List.of("torso_mass_kg"));
            case "hopper" -> new ScriptedPlant("hopper", List.of("rootx", "rootz", "rooty", "thigh_joint",
                "leg_joint", "foot_joint"), List.of("thigh_joint", "leg_joint", "foot_joint"),
                List.of("torso", "thigh", "leg", "foot"), List.of("torso_mass_kg", "foot_geom_friction",
                    "floor_friction"));
            case "walker2d" -> new ScriptedPlant("walker2d", List.of("rootx", "rootz", "rooty", "thigh_joint",
                "leg_joint", "foot_joint", "thigh_left_joint", "leg_left_joint", "foot_left_joint"),
                List.of("thigh_joint", "leg_joint", "foot_joint", "thigh_left_joint", "leg_left_joint",
                    "foot_left_joint"), List.of("torso", "thigh", "leg", "foot", "thigh_left", "leg_left",
                    "foot_left"), List.of("torso_mass_kg", "foot_geom_friction", "foot_left_geom_friction"));
            default -> throw new IllegalArgumentException(task);
        };
    }

    private static MujocoEnv env(final ScriptedPlant plant, final String task) {
        return MujocoEnv.create(task, plant, BOUND_N);
    }

    @ParameterizedTest
    @CsvSource({
        "mujoco_inverted_pendulum, 4, 1, 2, 2, 0.02, 3.0",
        "half_cheetah, 17, 6, 6, 5, 0.01, 1.0",
        "swimmer, 8, 2, 2, 4, 0.01, 1.0",
        "hopper, 11, 3, 2, 4, 0.002, 1.0",
        "walker2d, 17, 6, 4, 4, 0.002, 1.0"})
    void shouldHaveGymnasiumsShapeFrameSkipAndTheModelsTimestep(final String task, final int observationSize,
        final int actionSize, final int adversarySize, final int frameSkip, final double timestepS,
        final double ctrlBound) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        assertEquals(observationSize, env.observationSize());
        assertEquals(actionSize, env.actionSize());
        assertEquals(adversarySize, env.adversaryActionSize());
        assertEquals(ctrlBound, env.actionHigh(0));
        assertEquals(-ctrlBound, env.actionLow(actionSize - 1));
        assertEquals(frameSkip, env.substeps());
        assertEquals(timestepS, plant.timestepS(), "the plant keeps the model's timestep exactly");
        assertEquals(timestepS * frameSkip, env.stepDurationS());
        assertEquals(1000, env.maxEpisodeSteps());
        if (task.equals("hopper")) {
            assertEquals("robots/hopper.yaml", env.deployment().orElseThrow().robotFile(),
                "a hopper policy deploys to the mujoco robot description, commanding joint efforts");
            assertArrayEquals(new double[] {200, 200, 200}, env.deployment().orElseThrow().effortPerActionUnit());
        } else {
            assertTrue(env.deployment().isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mujoco_inverted_pendulum, 0, Infinity",
        "half_cheetah, 1, Infinity",
        "swimmer, 2, Infinity",
        "hopper, 1, 10",
        "walker2d, 1, 10"})
    void shouldObservePositionsWithoutTheRootThenVelocitiesClippedWhereV4Clips(final String task,
        final int excluded, final double clip) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final int n = plant.dof();
        final double[] q = new double[n];
        final double[] qd = new double[n];
        for (int j = 0; j < n; j++) {
            q[j] = 0.01 * (j + 1);
            qd[j] = (j % 2 == 0 ? 1.0 : -1.0) * (j == 0 ? 25.0 : 0.5 * j);
        }
        final StepResult result = new StepResult(env.observationSize());
        env.reset(1L, result.observation());
        plant.then(q, qd);
        env.step(new double[env.actionSize()], null, result);
        final double[] expected = new double[env.observationSize()];
        int i = 0;
        for (int j = excluded; j < n; j++) {
            expected[i++] = q[j];
        }
        for (int j = 0; j < n; j++) {
            expected[i++] = Math.max(-clip, Math.min(clip, qd[j]));
        }
        assertArrayEquals(expected, result.observation());
    }

    @Test
    void shouldPayForwardVelocityPlusHealthyRewardMinusCtrlCostOnHopper() {
        final ScriptedPlant plant = plantFor("hopper");
        final MujocoEnv env = env(plant, "hopper");
        final StepResult result = new StepResult(11);
        env.reset(2L, result.observation());
        final double[] qd = new double[6];
        plant.then(new double[] {1.0, 1.25, 0.0, 0.0, 0.0, 0.0}, qd);
        env.step(new double[3], null, result);
        plant.then(new double[] {1.004, 1.25, 0.0, 0.0, 0.0, 0.0}, qd);
        env.step(new double[] {0.5, -1.0, 3.0}, null, result);
        // x velocity (1.004 − 1.0) / (0.002 × 4) = 0.5 m/s; ctrl cost 1e-3 × (0.25 + 1 + 1) with 3 clipped to 1.
        assertEquals(0.5 + 1.0 - 0.00225, result.reward(), 1e-12);
        assertFalse(result.done());
        assertEquals(100.0, plant.effortDuringAdvance(plant.jointIndex("thigh_joint")), "effort = gear × ctrl");
        assertEquals(-200.0, plant.effortDuringAdvance(plant.jointIndex("leg_joint")));
        assertEquals(200.0, plant.effortDuringAdvance(plant.jointIndex("foot_joint")));
    }

    @ParameterizedTest
    @CsvSource({
        // task, x after one step from 1.0 (0.5 m/s), action element, forward weight, healthy reward, ctrl cost weight
        "half_cheetah, 1.025, 0.5, 1.0, 0.0, 0.1",
        "swimmer, 1.02, 0.5, 1.0, 0.0, 0.0001",
        "walker2d, 1.004, 0.5, 1.0, 1.0, 0.001",
        "mujoco_inverted_pendulum, 1.02, 3.0, 0.0, 1.0, 0.0"})
    void shouldWeighTheRewardTermsAsGymnasiumV4(final String task, final double xAfter, final double action,
        final double forwardWeight, final double healthyReward, final double ctrlCostWeight) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(3L, result.observation());
        final double[] q = new double[plant.dof()];
        final double[] qd = new double[plant.dof()];
        q[0] = 1.0;
        q[1] = task.equals("walker2d") ? 1.25 : 0.0;
        plant.then(q, qd);
        env.step(new double[env.actionSize()], null, result);
        q[0] = xAfter;
        plant.then(q, qd);
        final double[] actions = new double[env.actionSize()];
        Arrays.fill(actions, action);
        env.step(actions, null, result);
        assertEquals(forwardWeight * 0.5 + healthyReward - ctrlCostWeight * env.actionSize() * action * action,
            result.reward(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        // task, position index, value, terminated
        "hopper, 1, 0.7, true",
        "hopper, 1, 0.70000000000000007, false",
        "hopper, 2, 0.2, true",
        "hopper, 2, -0.2, true",
        "hopper, 2, 0.19999999999999998, false",
        "hopper, 3, 100.0, true",
        "hopper, 3, 99.99999999999999, false",
        "walker2d, 1, 0.8, true",
        "walker2d, 1, 2.0, true",
        "walker2d, 1, 1.9999999999999998, false",
        "walker2d, 2, 1.0, true",
        "walker2d, 2, -0.9999999999999999, false",
        "walker2d, 3, 1000.0, false",
        "mujoco_inverted_pendulum, 1, 0.2, false",
        "mujoco_inverted_pendulum, 1, -0.2, false",
        "mujoco_inverted_pendulum, 1, 0.20000000000000004, true",
        "mujoco_inverted_pendulum, 0, 5.0, false",
        "half_cheetah, 2, 1000.0, false",
        "swimmer, 0, 1000.0, false"})
    void shouldTerminateExactlyAtTheHealthyBoundsAndStillPayTheHealthyReward(final String task, final int index,
        final double value, final boolean terminated) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(4L, result.observation());
        final double[] q = healthy(task, plant.dof());
        q[0] = plant.q(0);
        q[index] = value;
        plant.then(q, new double[plant.dof()]);
        env.step(new double[env.actionSize()], null, result);
        assertEquals(terminated, result.terminated());
        assertFalse(result.simulationFailed());
        if (task.equals("hopper") || task.equals("walker2d") || task.equals("mujoco_inverted_pendulum")) {
            assertEquals(1.0, result.reward(), 1e-9, "v4 pays the healthy reward on the terminating step too");
        }
    }

    @Test
    void shouldTerminateHopperOnAVelocityBeyondTheStateRangeEvenThoughTheObservationClipsIt() {
        final ScriptedPlant plant = plantFor("hopper");
        final MujocoEnv env = env(plant, "hopper");
        final StepResult result = new StepResult(11);
        env.reset(5L, result.observation());
        final double[] qd = new double[6];
        qd[0] = -100.0;
        plant.then(healthy("hopper", 6), qd);
        env.step(new double[3], null, result);
        assertTrue(result.terminated());
        assertEquals(-10.0, result.observation()[5]);
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldTruncateOnTheThousandthStep(final String task) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(6L, result.observation());
        plant.then(healthy(task, plant.dof()), new double[plant.dof()]);
        final double[] action = new double[env.actionSize()];
        for (int t = 1; t < 1000; t++) {
            env.step(action, null, result);
            assertFalse(result.done(), "step " + t);
        }
        env.step(action, null, result);
        assertTrue(result.truncated());
        assertFalse(result.terminated());
    }

    @ParameterizedTest
    @CsvSource({
        "mujoco_inverted_pendulum, 0.01",
        "half_cheetah, 0.1",
        "swimmer, 0.1",
        "hopper, 0.005",
        "walker2d, 0.005"})
    void shouldDrawTheResetNoiseAroundTheReferencePoseFromTheSeedAlone(final String task, final double scale) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final int n = plant.dof();
        final double[] qpos0 = new double[n];
        if (task.equals("hopper") || task.equals("walker2d")) {
            qpos0[1] = 1.25;
        }
        final double[] observation = new double[env.observationSize()];
        for (final long seed : new long[] {0L, 7L, -3L}) {
            env.reset(seed, observation);
            final SplitMix64 expected = new SplitMix64(seed);
            for (int j = 0; j < n; j++) {
                assertEquals(qpos0[j] + expected.uniform(-scale, scale), plant.q(j), "seed " + seed + " qpos " + j);
            }
            for (int j = 0; j < n; j++) {
                final double noise = task.equals("half_cheetah") ? scale * expected.nextGaussian()
                    : expected.uniform(-scale, scale);
                assertEquals(noise, plant.qd(j), "seed " + seed + " qvel " + j);
            }
        }
        final double[] again = new double[env.observationSize()];
        env.reset(-3L, again);
        assertArrayEquals(observation, again);
    }

    @ParameterizedTest
    @CsvSource({
        "mujoco_inverted_pendulum, pole, , ",
        "half_cheetah, torso, bfoot, ffoot",
        "swimmer, torso, , ",
        "hopper, foot, , ",
        "walker2d, foot, foot_left, "})
    void shouldPushTheNamedBodiesInThePlaneHeldOverTheFrameSkip(final String task, final String first,
        final String second, final String third) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(8L, result.observation());
        plant.then(healthy(task, plant.dof()), new double[plant.dof()]);
        final double[] adversary = {0.5, -0.75, 2.0, -3.0, 1.0, 0.25};
        env.step(new double[env.actionSize()], Arrays.copyOf(adversary, env.adversaryActionSize()),
            result);
        assertEquals(1, plant.advances(), "one advance per step");
        assertEquals(env.substeps(), plant.lastAdvanceSteps(), "the force is held over the whole frame skip");
        final List<String> pushed = new ArrayList<>();
        for (final String body : new String[] {first, second, third}) {
            if (body != null) {
                pushed.add(body);
            }
        }
        assertEquals(2 * pushed.size(), env.adversaryActionSize());
        for (int body = 0; body < plant.bodyCount(); body++) {
            final int k = pushed.indexOf(plant.bodyName(body));
            final double fx = k < 0 ? 0.0 : Math.clamp(adversary[2 * k], -BOUND_N, BOUND_N);
            final double fy = k < 0 ? 0.0 : Math.clamp(adversary[2 * k + 1], -BOUND_N, BOUND_N);
            assertEquals(fx, plant.forceDuringAdvance(body, 0), plant.bodyName(body));
            assertEquals(fy, plant.forceDuringAdvance(body, 1), plant.bodyName(body));
        }
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldEndTheEpisodeFlaggedWithNothingWhenTheSimulationFails(final String task) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(9L, result.observation());
        plant.failNextAdvance();
        env.step(new double[env.actionSize()], null, result);
        assertTrue(result.terminated());
        assertFalse(result.truncated());
        assertTrue(result.simulationFailed());
        assertEquals(0.0, result.reward());
        env.reset(10L, result.observation());
        env.step(new double[env.actionSize()], null, result);
        assertFalse(result.simulationFailed(), "a reset clears the failure");
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldStepWithoutAllocating(final String task) {
        final ScriptedPlant plant = plantFor(task);
        final MujocoEnv env = env(plant, task);
        final StepResult result = new StepResult(env.observationSize());
        final double[] action = new double[env.actionSize()];
        final double[] adversary = new double[env.adversaryActionSize()];
        final IntConsumer step = i -> {
            if (i % 100 == 0) {
                env.reset(i, result.observation());
            }
            action[0] = 0.001 * (i % 7);
            adversary[0] = 0.5;
            env.step(action, adversary, result);
        };
        AllocationProbe.bytesAllocated(20_000, step);
        assertEquals(0L, AllocationProbe.bytesAllocatedWhenSteady(2_000, step));
    }

    @Test
    void shouldRefuseAPlantWithoutTheTasksJoints() {
        final ScriptedPlant wrong = plantFor("hopper");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> MujocoEnv.create("walker2d", wrong, BOUND_N));
        assertTrue(error.getMessage().contains("task walker2d needs a plant with the 9 joints"), error.getMessage());
    }

    @Test
    void shouldSayWhatToInstallWhenTheMujocoPlantsAreMissing() {
        final ConfigException error = assertThrows(ConfigException.class,
            () -> Tasks.mujocoPlant("hopper", Optional.empty()));
        assertTrue(error.getMessage().startsWith(
            "task hopper needs the mujoco plants (module hal-mujoco) and libmujoco2.2.2"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "mujoco_inverted_pendulum, pole_mass_kg, slider_damping_n_s_per_m hinge_damping_nm_s_per_rad",
        "HalfCheetah-v4, torso_mass_kg, bfoot_friction ffoot_friction",
        "hopper, torso_mass_kg, foot_geom_friction",
        "Walker2d-v4, torso_mass_kg, foot_geom_friction foot_left_geom_friction"})
    void shouldSweepTheTorsoMassAndEveryFootGeomsFriction(final String task, final String mass,
        final String friction) {
        final ScriptedPlant plant = plantFor(Tasks.canonicalName(task));
        assertEquals(List.of(mass), ParameterAxis.named(task, "mass", 0.5, 1.5).resolve(plant).parameterNames());
        final ParameterAxis.Resolved feet = ParameterAxis.named(task, "friction", 0.5, 1.5).resolve(plant);
        assertEquals(List.of(friction.split(" ")), feet.parameterNames());
        feet.apply(plant, 1);
        for (final String name : feet.parameterNames()) {
            assertEquals(1.5, plant.parameter(plant.parameterIndex(name)), name);
        }
    }

    @Test
    void shouldRefuseAFrictionAxisOnTheSwimmerAndNameWhatCanBeSwept() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ParameterAxis.named("Swimmer-v4", "friction", 0.5, 1.5));
        assertTrue(error.getMessage().startsWith("task swimmer has no 'friction' axis"), error.getMessage());
    }

    private static double[] healthy(final String task, final int dof) {
        final double[] q = new double[dof];
        if (task.equals("hopper") || task.equals("walker2d")) {
            q[1] = 1.25;
        }
        return q;
    }
}
