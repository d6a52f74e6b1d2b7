package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** An episode saved mid-way and restored into a fresh environment continues bit for bit (checkpoint resume). */
class EnvStateTest {
    static final java.util.List<String> TASKS = Tasks.JAVA_NAMES;

    @ParameterizedTest
    @FieldSource("TASKS")
    void shouldContinueASavedEpisodeBitForBitInAFreshEnvironment(final String task) {
        final PlantEnv original = Tasks.create(task, 1.0);
        final double[] observation = new double[original.observationSize()];
        original.reset(7, observation);
        final double[] action = new double[original.actionSize()];
        final double[] force = new double[original.adversaryActionSize()];
        final StepResult result = new StepResult(original.observationSize());
        for (int t = 0; t < 5; t++) {
            drive(action, force, t);
            original.step(action, force, result);
        }
        final double[] state = new double[original.stateSize()];
        original.saveState(state);

        final PlantEnv restored = Tasks.create(task, 1.0);
        restored.reset(99, new double[restored.observationSize()]);
        restored.restoreState(state);
        assertEquals(original.stepCount(), restored.stepCount());
        final StepResult restoredResult = new StepResult(restored.observationSize());
        for (int t = 5; t < 15; t++) {
            drive(action, force, t);
            original.step(action, force, result);
            restored.step(action, force, restoredResult);
            assertArrayEquals(result.observation(), restoredResult.observation(), 0.0, task + " step " + t);
            assertEquals(result.reward(), restoredResult.reward(), 0.0);
            assertEquals(result.done(), restoredResult.done());
        }
    }

    private static void drive(final double[] action, final double[] force, final int t) {
        for (int i = 0; i < action.length; i++) {
            action[i] = 0.3 * Math.sin(0.7 * t + i);
        }
        for (int i = 0; i < force.length; i++) {
            force[i] = 0.5 * Math.cos(0.3 * t + i);
        }
    }
}
