package dev.sparring.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.GaussianExplorer;
import dev.sparring.controller.policy.GaussianNoise;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.RandomPolicies;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.PlantEnv;
import dev.sparring.trainer.env.Tasks;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A trained Gaussian policy exported through {@link TrainedPolicies#snapshot} and loaded back through
 * {@link TrainedPolicies#toGaussianPolicy} acts as the original did (float32 weights: within 1e-5 task units).
 */
class TrainedPoliciesTest {
    @Test
    void shouldActAsTheTrainedPolicyAfterExportAndImport() throws Exception {
        final PlantEnv env = Tasks.create("inverted_pendulum", 0.0);
        final GaussianPolicy trained = GaussianPolicy.create(4, 1, new int[] {32, 32}, new double[] {1.0}, 10.0, 8,
            11L);
        final SplittableRandom random = new SplittableRandom(5);
        final double[] parameters = new double[trained.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = random.nextGaussian() * 0.3;
        }
        trained.setParameters(parameters, 0);
        trained.normalizer().restore(new double[] {0.1, -0.02, 0.3, 0.5}, new double[] {0.04, 0.01, 0.5, 2.0}, 50);
        final double[] effort = env.deployment().orElseThrow().effortPerActionUnit();
        final PolicyModel model = PolicyReader.read("bytes",
            PolicyExporter.toBytes(TrainedPolicies.snapshot(trained, env, effort, Map.of("task", "inverted_pendulum"))));
        assertEquals(100.0f, model.actionScale()[0]);
        assertEquals(300.0f, model.actionHigh()[0]);
        final GaussianPolicy imported = TrainedPolicies.toGaussianPolicy(model, effort, 1);
        final double[] observation = new double[4];
        final double[] expected = new double[1];
        final double[] actual = new double[1];
        double worst = 0.0;
        for (int k = 0; k < 1000; k++) {
            for (int i = 0; i < 4; i++) {
                observation[i] = random.nextGaussian() * (k % 10 == 0 ? 20.0 : 0.5);
            }
            trained.deterministic(observation, expected);
            imported.deterministic(observation, actual);
            worst = Math.max(worst, Math.abs(expected[0] - actual[0]));
        }
        assertTrue(worst < 1e-5, "largest difference " + worst);
    }

    @Test
    void shouldExportTheGaussiansLogStdSoTheRobotLogsTheDensityTheTrainerComputes() throws Exception {
        final PlantEnv env = Tasks.create("inverted_pendulum", 0.0);
        final GaussianPolicy trained = GaussianPolicy.create(4, 1, new int[] {16}, new double[] {1.0}, 10.0, 1, 3L);
        trained.head().logStd()[0] = -0.7;
        final double[] effort = env.deployment().orElseThrow().effortPerActionUnit();
        final PolicyModel model = PolicyReader.read("bytes",
            PolicyExporter.toBytes(TrainedPolicies.snapshot(trained, env, effort, Map.of())));
        assertTrue(model.hasActionStd());
        assertEquals(-0.7f, model.actionLogStd()[0]);
        final GaussianExplorer robot = new GaussianExplorer(model, new GaussianNoise(8));
        final double[] observation = {0.05, -0.1, 0.2, 0.0};
        final double[] action = new double[1];
        final double[] sample = new double[1];
        final double[] normalized = new double[4];
        final double[] mean = new double[1];
        final double[] actions = new double[1];
        final double[] logProb = new double[1];
        trained.normalize(observation, 0, normalized, 1);
        trained.sample(normalized, 1, new double[1], mean, logProb);
        for (int n = 0; n < 100; n++) {
            robot.act(observation, action);
            final double robotLogProbability = robot.lastDraw(sample);
            final double policyUnits = sample[0] / model.actionScale()[0];
            final double[] noise = {(policyUnits - mean[0]) / Math.exp(-0.7)};
            trained.sample(normalized, 1, noise, actions, logProb);
            assertEquals(policyUnits, actions[0], 1e-5);
            assertEquals(logProb[0], robotLogProbability, 1e-4, "the trainer's log π of the robot's sample");
        }
    }

    @Test
    void shouldRefuseAPolicyTheTrainerCannotExpress() {
        final PolicyModel elu = RandomPolicies.create(1, 4, new int[] {8}, 1, Activation.ELU);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TrainedPolicies.toGaussianPolicy(elu, new double[] {1.0}, 1));
        assertTrue(e.getMessage().contains("ELU") || e.getMessage().contains("offset"), e.getMessage());
    }
}
