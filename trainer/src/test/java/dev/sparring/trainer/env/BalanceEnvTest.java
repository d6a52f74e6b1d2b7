package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.plant.Plant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BalanceEnvTest {
    private static final double BOUND_N = 5.0;

    @ParameterizedTest
    @ValueSource(strings = {"cartpole_balance", "inverted_pendulum"})
    void shouldObserveCartThenPolePositionsThenVelocities(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final Plant plant = env.plant();
        final StepResult result = new StepResult(4);
        env.reset(3L, result.observation());
        env.step(new double[] {0.5}, new double[] {0.1, 0.0}, result);
        final int slider = plant.jointIndex("slider");
        final int hinge = plant.jointIndex("hinge");
        assertArrayEquals(new double[] {plant.q(slider), plant.q(hinge), plant.qd(slider), plant.qd(hinge)},
            result.observation());
    }

    @ParameterizedTest
    @CsvSource({"cartpole_balance, 0.05", "inverted_pendulum, 0.01"})
    void shouldDrawEveryInitialCoordinateUniformlyWithinTheRange(final String task, final double range) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final double[] observation = new double[4];
        final double[] largest = new double[4];
        for (long seed = 0; seed < 1000; seed++) {
            env.reset(seed, observation);
            for (int i = 0; i < 4; i++) {
                assertTrue(Math.abs(observation[i]) <= range, "seed " + seed + " element " + i);
                largest[i] = Math.max(largest[i], Math.abs(observation[i]));
            }
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(largest[i] > 0.99 * range, "element " + i + " reached only " + largest[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cartpole_balance", "inverted_pendulum"})
    void shouldPayOneInsideTheLimitsAndTerminateWithNothingBeyondThem(final String task) {
        final boolean cartPole = task.equals("cartpole_balance");
        final double angleLimitRad = cartPole ? Math.toRadians(12.0) : 0.2;
        final double positionLimitM = cartPole ? 2.4 : 1.0;
        for (final double sign : new double[] {1.0, -1.0}) {
            assertOutcome(task, 0.0, sign * angleLimitRad, 1.0, false);
            assertOutcome(task, 0.0, sign * Math.nextUp(angleLimitRad), 0.0, true);
            assertOutcome(task, sign * positionLimitM, 0.0, 1.0, false);
            assertOutcome(task, sign * Math.nextUp(positionLimitM), 0.0, 0.0, true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cartpole_balance", "inverted_pendulum"})
    void shouldTipThePoleTowardsTheAdversaryForce(final String task) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(4);
        final double[] zero = {0.0};
        env.reset(0L, result.observation());
        env.plant().reset(new double[2], new double[2]);
        env.step(zero, new double[] {0.0, 0.0}, result);
        assertEquals(0.0, result.observation()[1], "upright at rest is an equilibrium");
        env.step(zero, new double[] {0.5, 0.0}, result);
        assertTrue(result.observation()[1] > 0.0, "a +x push tips the pole towards +x");
        assertTrue(result.observation()[3] > 0.0);
        env.plant().reset(new double[2], new double[2]);
        env.step(zero, new double[] {-0.5, 0.0}, result);
        assertTrue(result.observation()[1] < 0.0, "a -x push tips the pole towards -x");
    }

    @ParameterizedTest
    @CsvSource({"cartpole_balance, 1.0", "inverted_pendulum, 100.0"})
    void shouldPushTheCartWithTheTasksEffortPerActionUnit(final String task, final double newtonsPerUnit) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(4);
        env.reset(0L, result.observation());
        env.step(new double[] {0.75}, null, result);
        assertEquals(0.75 * newtonsPerUnit, env.plant().jointEffort(env.plant().jointIndex("slider")));
    }

    private static void assertOutcome(final String task, final double positionM, final double angleRad,
        final double reward, final boolean terminated) {
        final PlantEnv env = Tasks.create(task, BOUND_N);
        final StepResult result = new StepResult(4);
        env.reset(0L, result.observation());
        PlantEnvTest.restAt(env, new double[] {positionM, angleRad});
        env.step(new double[] {0.0}, null, result);
        final String where = task + " at x " + positionM + " m, θ " + angleRad + " rad";
        assertEquals(angleRad, result.observation()[1], where);
        assertEquals(reward, result.reward(), where);
        assertEquals(terminated, result.terminated(), where);
        assertFalse(result.truncated(), where);
    }
}
