package dev.sparring.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.Controller;
import dev.sparring.controller.EpisodeReward;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.mujoco.RequiresMujoco;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.PlantEnv;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.DisturbanceMode;
import dev.sparring.trainer.eval.Evaluator;
import dev.sparring.trainer.export.TrainedPolicies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same policy file, ten episodes each, in the trainer's {@link Evaluator} on the {@code hopper} task and in the
 * controller's fixed-rate loop on {@code robots/hopper.yaml} (the {@code mujoco} backend, a clock the test advances,
 * {@code on_episode_end: reset}): the on-board reward, termination, observation clip and reset states are the
 * task's, so episode {@code k} starts from the same state in both and earns the same return. A policy of constant
 * efforts runs bit-identical physics in both, so the returns agree to rounding; a linear feedback policy runs in
 * float32 in the controller and in double in the trainer, so its returns agree closely rather than exactly.
 */
@ExtendWith(RequiresMujoco.class)
class TrainerControllerAgreementTest {
    private static final Path ROOT = Files.isDirectory(Path.of("robots")) ? Path.of(".") : Path.of("..");
    private static final int EPISODES = 10;
    /** robots/hopper.yaml's mujoco.seed: the evaluation seed whose episodes the robot's resets reproduce. */
    private static final long SEED = 0L;
    private static final int OBSERVATIONS = 11;
    private static final int ACTIONS = 3;
    private static final float GEAR = 200f;

    @TempDir
    Path dir;

    @Test
    void shouldEarnTheTrainersReturnInEveryEpisodeUnderConstantEfforts() throws Exception {
        final float[] weights = new float[ACTIONS * OBSERVATIONS];
        final Path policy = write(weights, new float[] {0.3f, -0.2f, 0.5f});

        final double[] trainer = trainerReturns(policy);
        final double[] controller = controllerReturns(policy);

        for (int k = 0; k < EPISODES; k++) {
            assertEquals(trainer[k], controller[k], 1e-9 * Math.abs(trainer[k]), "episode " + k + ": trainer "
                + Arrays.toString(trainer) + ", controller " + Arrays.toString(controller));
        }
        assertTrue(distinct(trainer), "the seeded reset noise gives each episode its own start: "
            + Arrays.toString(trainer));
    }

    @Test
    void shouldAgreeWithinTwoPercentOnAverageUnderAFeedbackPolicy() throws Exception {
        final SplitMix64 random = new SplitMix64(42L);
        final float[] weights = new float[ACTIONS * OBSERVATIONS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.uniform(-0.5, 0.5);
        }
        final Path policy = write(weights, new float[] {0.1f, -0.1f, 0.2f});

        final double[] trainer = trainerReturns(policy);
        final double[] controller = controllerReturns(policy);

        final double trainerMean = mean(trainer);
        final double controllerMean = mean(controller);
        assertEquals(trainerMean, controllerMean, 0.02 * Math.abs(trainerMean), "trainer "
            + Arrays.toString(trainer) + ", controller " + Arrays.toString(controller));
        for (int k = 0; k < EPISODES; k++) {
            assertEquals(trainer[k], controller[k], 1e-3 * Math.abs(trainer[k]), "episode " + k
                + ": the same start, float32 against double arithmetic only; trainer " + Arrays.toString(trainer)
                + ", controller " + Arrays.toString(controller));
        }
    }

    /**
     * A one-layer policy {@code effort = 200 · (W · obs + b)}, clipped to ±200 N·m, in the file format the trainer
     * exports; the observation is normalised with mean 0 and std 1.
     */
    private Path write(final float[] weights, final float[] biases) throws Exception {
        final float[] scale = new float[ACTIONS];
        final float[] low = new float[ACTIONS];
        final float[] high = new float[ACTIONS];
        Arrays.fill(scale, GEAR);
        Arrays.fill(low, -GEAR);
        Arrays.fill(high, GEAR);
        final float[] std = new float[OBSERVATIONS];
        Arrays.fill(std, 1f);
        final PolicyModel model = new PolicyModel(OBSERVATIONS, new int[] {ACTIONS},
            new Activation[] {Activation.IDENTITY}, new float[][] {weights}, new float[][] {biases},
            new float[OBSERVATIONS], std, 100f, scale, new float[ACTIONS], low, high,
            Map.of("name", "hopper-linear", "task", "hopper", "robot", "robots/hopper.yaml", "control_period_s",
                "0.008"));
        final Path file = dir.resolve("hopper-linear.policy");
        PolicyWriter.write(model, file);
        return file;
    }

    /** As {@code sparring eval} evaluates a policy file: episode k from {@link Evaluator#episodeSeed}(SEED, k). */
    private static double[] trainerReturns(final Path policyFile) throws Exception {
        try (PlantEnv env = Tasks.create("hopper", 0.0)) {
            final GaussianPolicy policy = TrainedPolicies.toGaussianPolicy(
                dev.sparring.controller.policy.PolicyReader.read(policyFile), env.effortPerActionUnit(), 1);
            return new Evaluator(env, policy::deterministic, DisturbanceMode.none()).evaluate(EPISODES, SEED)
                .returns();
        }
    }

    /** The controller's loop on robots/hopper.yaml, ticked by a clock advanced one period at a time. */
    private static double[] controllerReturns(final Path policyFile) throws Exception {
        final RobotDescription hopper = RobotDescription.load(ROOT.resolve("robots/hopper.yaml"));
        try (Controller controller = Controller.create(hopper, policyFile, Double.NaN)) {
            assertEquals(1, controller.policyPeriodTicks(), "125 Hz, the policy's own rate");
            final CachedNanoClock clock = new CachedNanoClock();
            clock.update(3_000_000_000L);
            final FixedRateLoopAgent loop = new FixedRateLoopAgent(clock, controller.periodNs(), controller.tick(),
                FixedRateLoopAgent.NO_LIMIT, FixedRateLoopAgent.NO_LIMIT);
            loop.onStart();
            final long maxTicks = EPISODES * 1_002L;
            for (long t = 0; t < maxTicks && controller.tick().completedEpisodes() < EPISODES; t++) {
                assertEquals(1, loop.doWork());
                clock.advance(controller.periodNs());
            }
            assertEquals(0, controller.tick().supervisor().totalFaults(), "no safety fault in any episode");
            final EpisodeReward reward = controller.tick().reward();
            assertEquals(EPISODES, reward.endedEpisodes());
            final double[] returns = new double[EPISODES];
            for (int k = 0; k < EPISODES; k++) {
                returns[k] = reward.endedReturn(k);
            }
            return returns;
        }
    }

    private static double mean(final double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static boolean distinct(final double[] values) {
        return Arrays.stream(values).distinct().count() == values.length;
    }
}
