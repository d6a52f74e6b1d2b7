package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.plant.Plant;
import org.junit.jupiter.api.Test;

class SwingUpEnvTest {
    @Test
    void shouldObserveCosineSineAndRateOfTheHangingAngle() {
        final PlantEnv env = Tasks.create("pendulum_swingup", 1.0);
        final Plant plant = env.plant();
        final StepResult result = new StepResult(3);
        env.reset(8L, result.observation());
        env.step(new double[] {1.0}, null, result);
        assertArrayEquals(new double[] {Math.cos(plant.q(0)), Math.sin(plant.q(0)), plant.qd(0)},
            result.observation());
    }

    @Test
    void shouldStartAnywhereOnTheCircleWithRatesWithinOneRadianPerSecond() {
        final PlantEnv env = Tasks.create("pendulum_swingup", 1.0);
        final double[] observation = new double[3];
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double fastest = 0.0;
        for (long seed = 0; seed < 1000; seed++) {
            env.reset(seed, observation);
            final double angle = env.plant().q(0);
            assertTrue(angle >= -Math.PI && angle <= Math.PI, "seed " + seed + ": " + angle);
            assertTrue(Math.abs(observation[2]) <= 1.0, "seed " + seed + ": " + observation[2]);
            lowest = Math.min(lowest, angle);
            highest = Math.max(highest, angle);
            fastest = Math.max(fastest, Math.abs(observation[2]));
        }
        assertTrue(lowest < -0.99 * Math.PI && highest > 0.99 * Math.PI && fastest > 0.99);
    }

    @Test
    void shouldCostTheSquaredAngleFromUprightWrappedToHalfATurn() {
        assertEquals(-Math.PI * Math.PI, rewardAtRest(0.0), 1e-12);
        assertEquals(0.0, rewardAtRest(Math.PI), 1e-12);
        assertEquals(-0.25, rewardAtRest(Math.PI + 6.0 * Math.PI + 0.5), 1e-12);
        assertEquals(-0.25, rewardAtRest(Math.PI - 4.0 * Math.PI - 0.5), 1e-12);
    }

    @Test
    void shouldCostRateAndClippedTorqueWithoutEverTerminating() {
        final PlantEnv env = Tasks.create("pendulum_swingup", 1.0);
        final StepResult result = new StepResult(3);
        env.reset(0L, result.observation());
        PlantEnvTest.restAt(env, new double[] {Math.PI});
        env.step(new double[] {5.0}, null, result);
        final Plant plant = env.plant();
        final double fromUpright = plant.q(0) - Math.PI;
        assertTrue(plant.qd(0) > 0.1, "the clipped 2 N·m turned the pendulum");
        assertEquals(-(fromUpright * fromUpright + 0.1 * plant.qd(0) * plant.qd(0) + 0.001 * 2.0 * 2.0),
            result.reward(), 1e-12);
        for (int t = 1; t < env.maxEpisodeSteps(); t++) {
            env.step(new double[] {2.0}, new double[] {5.0, 5.0}, result);
            assertFalse(result.terminated(), "step " + t);
        }
        assertTrue(result.truncated());
    }

    private static double rewardAtRest(final double angleRad) {
        final PlantEnv env = Tasks.create("pendulum_swingup", 1.0);
        final StepResult result = new StepResult(3);
        env.reset(0L, result.observation());
        PlantEnvTest.restAt(env, new double[] {angleRad});
        env.step(new double[] {0.0}, null, result);
        assertEquals(angleRad, env.plant().q(0));
        return result.reward();
    }
}
