package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The five MuJoCo tasks on the real MuJoCo plants (found through the {@code mujoco} plant provider, as {@code train}
 * finds them): an episode of random actions and adversary forces runs to its end with finite observations of the
 * documented size, and the same seed gives the same episode, bit for bit. Skipped, with the reason, where libmujoco
 * is not installed.
 */
class MujocoTasksOnMujocoTest {
    static List<String> tasks() {
        return Tasks.MUJOCO_NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void shouldRunAWholeEpisodeOnMujocoAndRepeatItFromTheSameSeed(final String task) {
        final double[] first = episode(task, 7L);
        final double[] second = episode(task, 7L);
        assertArrayEquals(first, second, "same seed, same episode");
        assertFalse(first[0] == episode(task, 8L)[0] && first[1] == episode(task, 8L)[1],
            "another seed, another episode");
    }

    /** @return {steps, return, the final observation's sum}. */
    private static double[] episode(final String task, final long seed) {
        final PlantEnv env;
        try {
            env = Tasks.create(task, 5.0);
        } catch (final RuntimeException unavailable) {
            Assumptions.assumeTrue(false, "MuJoCo plants unavailable: " + unavailable.getMessage());
            throw unavailable;
        }
        try (env) {
            return episode(env, task, seed);
        }
    }

    private static double[] episode(final PlantEnv env, final String task, final long seed) {
        final double[] observation = new double[env.observationSize()];
        final double[] action = new double[env.actionSize()];
        final double[] adversary = new double[env.adversaryActionSize()];
        final StepResult result = new StepResult(env.observationSize());
        final SplitMix64 random = new SplitMix64(seed);
        env.reset(seed, observation);
        double episodeReturn = 0;
        int steps = 0;
        do {
            for (int i = 0; i < action.length; i++) {
                action[i] = env.actionLow(i) + (env.actionHigh(i) - env.actionLow(i)) * random.nextDouble();
            }
            for (int i = 0; i < adversary.length; i++) {
                adversary[i] = env.adversaryBound() * (2 * random.nextDouble() - 1);
            }
            env.step(action, adversary, result);
            episodeReturn += result.reward();
            steps++;
            for (final double value : result.observation()) {
                assertTrue(Double.isFinite(value), task + ": observation not finite at step " + steps);
            }
        } while (!result.done());
        assertFalse(result.simulationFailed(), task + ": MuJoCo failed");
        assertTrue(steps <= env.maxEpisodeSteps());
        assertEquals(steps == env.maxEpisodeSteps(), result.truncated() && !result.terminated(),
            task + ": a whole episode is truncated, an earlier end is terminal");
        double sum = 0;
        for (final double value : result.observation()) {
            sum += value;
        }
        return new double[] {steps, episodeReturn, sum};
    }
}
