package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.algo.RolloutCollector;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.RobustnessStudy.Disturbance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Every environment the trainer makes is closed exactly once, on success and on failure, so a MuJoCo task's native
 * model and data do not outlive their use: the plants of the Hopper task are counted as they are created and closed
 * ({@link CountingPlants}). Skipped where libmujoco is not installed.
 */
class EnvOwnershipTest {
    private static final String TASK = "hopper";
    private static final int ENVS = 4;

    private CountingPlants plants;

    @BeforeEach
    void countPlants() {
        try (Env probe = Tasks.create(TASK, 0.0)) {
            Assumptions.assumeTrue(probe.plant() != null);
        } catch (final RuntimeException unavailable) {
            Assumptions.assumeTrue(false, "MuJoCo plants unavailable: " + unavailable.getMessage());
        }
        plants = CountingPlants.install();
    }

    @AfterEach
    void restoreLoader() {
        if (plants != null) {
            plants.close();
        }
    }

    @Test
    void shouldCloseEveryEnvironmentOfATrainingSessionWhenItCloses() {
        try (TrainingSession session = TrainingSession.start(smallRarl())) {
            session.iterate();
            assertEquals(ENVS, plants.created());
            assertEquals(0, plants.closed(), "a live session keeps its environments");
        }
        assertAllClosedOnce(ENVS);
    }

    @Test
    void shouldCloseTheEnvironmentsAlreadyMadeWhenOneCannotBeCreated() {
        plants.failingAt(3);
        assertThrows(IllegalStateException.class, () -> TrainingSession.start(smallRarl()));
        assertAllClosedOnce(2);
    }

    @Test
    void shouldCloseTheEnvironmentsItWasGivenWhenARolloutCollectorCannotBeBuilt() {
        final Env[] envs = Tasks.createAll(TASK, 1.0, 2);
        assertThrows(IllegalArgumentException.class, () -> new RolloutCollector(envs, 0, 1, 1L));
        assertAllClosedOnce(2);
    }

    @Test
    void shouldCloseEveryEnvironmentOfAnEvaluationWithSweepsAndAFreshAdversary() {
        final TrainingConfig template = smallRarl();
        final double[] multipliers = {0.8, 1.2};
        final RobustnessStudy study = new RobustnessStudy(template, ParameterAxis.named(TASK, "mass", multipliers),
            ParameterAxis.named(TASK, "friction", multipliers), 1, template.envs() * template.stepsPerEnv(), 2, 5L,
            List.of(Disturbance.NONE, Disturbance.ADVERSARY));
        final GaussianPolicy policy = GaussianPolicy.create(11, 3, new int[] {8}, new double[] {1.0, 1.0, 1.0}, 10.0,
            1, 9L);

        final List<RobustnessStudy.MethodResult> results = study.run(Map.of("rarl", List.of(policy, policy)));

        assertEquals(1, results.size());
        // Per policy: nominal and random-force evaluations (2), the fresh adversary's training (4) and evaluation
        // (1), and two sweeps on two threads (4); and the one that checked the axes when the study was built.
        assertAllClosedOnce(1 + 2 * (2 + ENVS + 1 + 2 * 2));
    }

    private void assertAllClosedOnce(final int expected) {
        assertEquals(expected, plants.created(), "plants created");
        assertEquals(plants.created(), plants.closed(), "plants closed");
        assertEquals(plants.created(), plants.closeCalls(), "calls to close: each plant closed exactly once");
        assertTrue(expected > 0);
    }

    private static TrainingConfig smallRarl() {
        return TrainingConfig.defaults(TASK, Algorithm.PPO, true, 3L, 2048L)
            .with(List.of("envs=" + ENVS, "stepsPerEnv=32", "workers=2", "totalSteps=128"));
    }
}
