package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.plant.Plant;
import org.junit.jupiter.api.Test;

class ReacherEnvTest {
    @Test
    void shouldObserveJointsTargetRatesAndTheEndEffectorOffset() {
        final PlantEnv env = Tasks.create("reacher", 1.0);
        final Plant plant = env.plant();
        final StepResult result = new StepResult(10);
        env.reset(4L, result.observation());
        final double targetX = result.observation()[4];
        final double targetY = result.observation()[5];
        env.step(new double[] {0.5, -0.5}, null, result);
        final double[] expected = {Math.cos(plant.q(0)), Math.cos(plant.q(1)), Math.sin(plant.q(0)),
            Math.sin(plant.q(1)), targetX, targetY, plant.qd(0), plant.qd(1),
            plant.channel(plant.channelIndex("end_effector_x")) - targetX,
            plant.channel(plant.channelIndex("end_effector_y")) - targetY};
        assertArrayEquals(expected, result.observation());
    }

    @Test
    void shouldDrawTargetsOverTheReachableAnnulusAndStartNearlyStretchedAtRest() {
        final PlantEnv env = Tasks.create("reacher", 1.0);
        final double[] observation = new double[10];
        double nearest = Double.POSITIVE_INFINITY;
        double farthest = 0.0;
        for (long seed = 0; seed < 2000; seed++) {
            env.reset(seed, observation);
            final double radius = Math.hypot(observation[4], observation[5]);
            assertTrue(radius >= 0.05 - 1e-12 && radius <= 0.55 + 1e-12, "seed " + seed + ": " + radius);
            nearest = Math.min(nearest, radius);
            farthest = Math.max(farthest, radius);
            assertTrue(Math.abs(env.plant().q(0)) <= 0.1 && Math.abs(env.plant().q(1)) <= 0.1, "seed " + seed);
            assertTrue(Math.abs(observation[6]) <= 0.005 && Math.abs(observation[7]) <= 0.005, "seed " + seed);
        }
        assertTrue(nearest < 0.07 && farthest > 0.54, nearest + " .. " + farthest);
    }

    @Test
    void shouldCostTheDistanceAndTheSquaredClippedTorques() {
        final PlantEnv env = Tasks.create("reacher", 1.0);
        final StepResult result = new StepResult(10);
        env.reset(9L, result.observation());
        env.step(new double[] {10.0, -10.0}, null, result);
        final double distance = Math.hypot(result.observation()[8], result.observation()[9]);
        assertEquals(-distance - 0.1 * (1.5 * 1.5 + 1.0 * 1.0), result.reward(), 1e-12);
    }
}
