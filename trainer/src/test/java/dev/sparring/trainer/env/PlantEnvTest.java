package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.plant.Plant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Behaviour every task shares through {@link PlantEnv}, checked on each of them. */
class PlantEnvTest {
    static final List<String> TASKS = Tasks.JAVA_NAMES;
    private static final double BOUND_N = 2.0;

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldRepeatTheTrajectoryForTheSameSeedAndActions(final String task) {
        final double[][] first = trajectory(Tasks.create(task, BOUND_N), 17L);
        final double[][] second = trajectory(Tasks.create(task, BOUND_N), 17L);
        for (int t = 0; t < first.length; t++) {
            assertArrayEquals(first[t], second[t], "step " + t);
        }
        assertNotEquals(Arrays.toString(first[0]), Arrays.toString(trajectory(Tasks.create(task, BOUND_N), 18L)[0]));
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldDrawTheSameInitialStateFromTheSameSeedWhateverCameBefore(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final double[] fresh = new double[env.observationSize()];
        env.reset(5L, fresh);
        trajectory(env, 6L);
        final double[] again = new double[env.observationSize()];
        env.reset(5L, again);
        assertArrayEquals(fresh, again);
        assertEquals(0, env.stepCount());
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldTruncateExactlyAtTheStepLimitWithoutTerminating(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(1L, result.observation());
        // At rest without gravity, effort or disturbance no task's state moves, so only the time limit can end it.
        restAt(env, new double[env.plant().dof()]);
        final double[] zero = new double[env.actionSize()];
        for (int t = 1; t < env.maxEpisodeSteps(); t++) {
            env.step(zero, null, result);
            assertFalse(result.done(), "step " + t);
        }
        env.step(zero, null, result);
        assertTrue(result.truncated());
        assertFalse(result.terminated());
        assertEquals(env.maxEpisodeSteps(), env.stepCount());
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldClipActionsAndAdversaryForcesToTheirBounds(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final Plant plant = env.plant();
        final StepResult result = new StepResult(env.observationSize());
        env.reset(2L, result.observation());
        final double[] action = new double[env.actionSize()];
        final double[] scale = scales(env);
        for (final double sign : new double[] {1.0, -1.0}) {
            Arrays.fill(action, sign * 1e6);
            env.step(action, new double[] {sign * 1e6, -sign * 1e6}, result);
            for (int i = 0; i < action.length; i++) {
                assertEquals(sign * env.actionHigh(i) * scale[i], plant.jointEffort(actuatedJoint(env, i)), 1e-12);
            }
            final int body = plant.bodyIndex(adversaryBody(task));
            assertEquals(sign * BOUND_N, plant.disturbanceForceXN(body));
            assertEquals(-sign * BOUND_N, plant.disturbanceForceYN(body));
        }
        env.step(action, null, result);
        final int body = plant.bodyIndex(adversaryBody(task));
        assertEquals(0.0, plant.disturbanceForceXN(body));
        assertEquals(0.0, plant.disturbanceForceYN(body));
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldHoldTheAdversaryForceOverEverySubstep(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final PlantEnv manual = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(3L, result.observation());
        manual.reset(3L, new double[env.observationSize()]);
        final double[] action = new double[env.actionSize()];
        final double[] scale = scales(env);
        final Plant plant = manual.plant();
        final int body = plant.bodyIndex(adversaryBody(task));
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = 0.3 * env.actionHigh(i) * (t % 2 == 0 ? 1 : -1);
                plant.setJointEffort(actuatedJoint(env, i), scale[i] * action[i]);
            }
            env.step(action, new double[] {1.5, -0.75}, result);
            plant.setDisturbanceForce(body, 1.5, -0.75);
            plant.setTimestepS(env.substepS());
            plant.advance(env.substeps());
            for (int j = 0; j < plant.dof(); j++) {
                assertEquals(plant.q(j), env.plant().q(j), "step " + t + " joint " + j);
                assertEquals(plant.qd(j), env.plant().qd(j), "step " + t + " joint " + j);
            }
        }
        assertEquals(env.stepDurationS(), env.substepS() * env.substeps(), 1e-15);
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldKeepPlantParametersAcrossReset(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final Plant plant = env.plant();
        final int gravity = plant.parameterIndex("gravity_m_per_s2");
        plant.setParameter(gravity, 3.25);
        env.reset(4L, new double[env.observationSize()]);
        assertEquals(3.25, plant.parameter(gravity));
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldTerminateWithZeroRewardWhenTheStateTurnsNonFinite(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(5L, result.observation());
        final double[] action = new double[env.actionSize()];
        action[0] = Double.NaN;
        env.step(action, null, result);
        assertTrue(result.terminated());
        assertFalse(result.truncated());
        assertEquals(0.0, result.reward());
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldRejectActionsOfTheWrongLength(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(env.observationSize());
        env.reset(6L, result.observation());
        final IllegalArgumentException wrongAction = assertThrows(IllegalArgumentException.class,
            () -> env.step(new double[env.actionSize() + 1], null, result));
        assertTrue(wrongAction.getMessage().contains(task), wrongAction.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> env.step(new double[env.actionSize()], new double[3], result));
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldNotAllocateInResetAndStep(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(env.observationSize());
        final double[] action = new double[env.actionSize()];
        final double[] adversary = new double[env.adversaryActionSize()];
        final double[] first = new double[env.observationSize()];
        final IntConsumer step = i -> {
            if (i % 97 == 0 || result.done()) {
                env.reset(i, first);
            }
            action[0] = ((i * 7) % 11 - 5) * 0.2 * env.actionHigh(0);
            adversary[0] = ((i * 3) % 5 - 2) * 0.5;
            env.step(action, (i & 1) == 0 ? adversary : null, result);
        };
        AllocationProbe.bytesAllocated(20_000, step);
        assertEquals(0L, AllocationProbe.bytesAllocatedWhenSteady(2_000, step));
    }

    /**
     * The default substeps against ten times finer ones over 50 steps from the same start, with a fixed sequence of
     * actions (for the balance tasks a discrete LQR gain, so their states stay in the task's range) and a small
     * constant adversary force. Measured: inverted pendulum 4.9e-7, cart-pole 1.2e-7, pendulum 7.9e-6, arm 7.8e-4
     * (largest difference of a position or velocity, SI units). The pendulum and the arm converge slowly because
     * their Coulomb friction's tanh band (0.01 rad/s) is crossed in a small fraction of a substep at every velocity
     * reversal; {@link #shouldConvergeAtFourthOrderWithoutCoulombFriction} shows the rest is RK4's small error.
     */
    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldMatchATenTimesFinerIntegration(final String task) {
        final double bound = switch (task) {
            case "inverted_pendulum", "cartpole_balance" -> 1e-6;
            case "pendulum_swingup" -> 1e-4;
            default -> 1e-2;
        };
        final double difference = differenceToTenTimesFinerIntegration(task, false);
        assertTrue(difference < bound, task + ": " + difference);
    }

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldConvergeAtFourthOrderWithoutCoulombFriction(final String task) {
        final double difference = differenceToTenTimesFinerIntegration(task, true);
        assertTrue(difference < 1e-5, task + ": " + difference);
    }

    private static double differenceToTenTimesFinerIntegration(final String task, final boolean withoutCoulomb) {
        final PlantEnv coarse = Tasks.create(task, BOUND_N, 1);
        final PlantEnv fine = Tasks.create(task, BOUND_N, 10);
        assertEquals(10 * coarse.substeps(), fine.substeps());
        if (withoutCoulomb) {
            removeCoulombFriction(coarse.plant());
            removeCoulombFriction(fine.plant());
        }
        final StepResult coarseResult = new StepResult(coarse.observationSize());
        final StepResult fineResult = new StepResult(fine.observationSize());
        coarse.reset(7L, coarseResult.observation());
        fine.reset(7L, fineResult.observation());
        final SplittableRandom random = new SplittableRandom(11L);
        final double[] action = new double[coarse.actionSize()];
        final double[] adversary = {0.05, -0.03};
        double maxDifference = 0.0;
        for (int t = 0; t < 50; t++) {
            final double[] o = coarseResult.observation();
            for (int i = 0; i < action.length; i++) {
                action[i] = switch (task) {
                    case "inverted_pendulum" -> 0.59 * o[0] + 7.6 * o[1] + 1.05 * o[2] + 1.36 * o[3];
                    case "cartpole_balance" -> 2.8 * o[0] + 45.6 * o[1] + 5.8 * o[2] + 11.8 * o[3];
                    default -> random.nextDouble(coarse.actionLow(i), coarse.actionHigh(i));
                };
            }
            coarse.step(action, adversary, coarseResult);
            fine.step(action, adversary, fineResult);
            assertFalse(coarseResult.terminated(), "step " + t);
            for (int j = 0; j < coarse.plant().dof(); j++) {
                maxDifference = Math.max(maxDifference, Math.abs(coarse.plant().q(j) - fine.plant().q(j)));
                maxDifference = Math.max(maxDifference, Math.abs(coarse.plant().qd(j) - fine.plant().qd(j)));
            }
        }
        return maxDifference;
    }

    private static void removeCoulombFriction(final Plant plant) {
        for (int p = 0; p < plant.parameterCount(); p++) {
            if (plant.parameterName(p).endsWith("_coulomb_n") || plant.parameterName(p).endsWith("_coulomb_nm")) {
                plant.setParameter(p, 0.0);
            }
        }
    }

    /** Stops the plant at the given positions and switches gravity off, so nothing moves without an input. */
    static void restAt(final PlantEnv env, final double[] positions) {
        final Plant plant = env.plant();
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), 0.0);
        plant.reset(positions, new double[plant.dof()]);
    }

    private static double[][] trajectory(final PlantEnv env, final long seed) {
        final StepResult result = new StepResult(env.observationSize());
        final double[][] observations = new double[21][];
        env.reset(seed, result.observation());
        observations[0] = result.observation().clone();
        final SplittableRandom random = new SplittableRandom(23L);
        final double[] action = new double[env.actionSize()];
        final double[] adversary = new double[env.adversaryActionSize()];
        for (int t = 1; t < observations.length; t++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = 0.1 * random.nextDouble(env.actionLow(i), env.actionHigh(i));
            }
            adversary[0] = random.nextDouble(-1.0, 1.0);
            adversary[1] = random.nextDouble(-1.0, 1.0);
            env.step(action, adversary, result);
            observations[t] = Arrays.copyOf(result.observation(), env.observationSize() + 3);
            observations[t][env.observationSize()] = result.reward();
            observations[t][env.observationSize() + 1] = result.terminated() ? 1 : 0;
            observations[t][env.observationSize() + 2] = result.truncated() ? 1 : 0;
        }
        return observations;
    }

    private static double[] scales(final PlantEnv env) {
        return env.deployment().map(Deployment::effortPerActionUnit).orElseGet(() -> {
            final double[] unit = new double[env.actionSize()];
            Arrays.fill(unit, 1.0);
            return unit;
        });
    }

    private static int actuatedJoint(final PlantEnv env, final int actionIndex) {
        return env.plant().jointIndex(switch (env.taskName()) {
            case "reacher" -> actionIndex == 0 ? "shoulder" : "elbow";
            case "pendulum_swingup" -> "hinge";
            default -> "slider";
        });
    }

    private static String adversaryBody(final String task) {
        return switch (task) {
            case "reacher" -> "end_effector";
            case "pendulum_swingup" -> "bob";
            default -> "pole";
        };
    }
}
