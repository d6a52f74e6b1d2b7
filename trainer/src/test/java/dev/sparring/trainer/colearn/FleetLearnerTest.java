package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.algo.PpoConfig;
import dev.sparring.trainer.algo.RolloutBuffer;

import org.junit.jupiter.api.Test;

/**
 * A fleet learner learns from logged windows, weights its own on-policy steps 1 and unusable steps 0, and adds its
 * partners' steps beside its own.
 */
final class FleetLearnerTest {
    private static final int CAPACITY = 256;
    private static final PpoConfig CONFIG = new PpoConfig(0.99, 0.95, 4, 4, 3e-3, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
        Double.POSITIVE_INFINITY, true, false);

    /** One-step episodes: observation s ~ U(−1, 1), reward −(a − sign·s)². */
    private static void logWindow(final GaussianPolicy behaviour, final double sign, final SplitMix64 random,
        final LoggedWindow window) {
        logWindow(behaviour, sign, random, window, -1);
    }

    private static void logWindow(final GaussianPolicy behaviour, final double sign, final SplitMix64 random,
        final LoggedWindow window, final int safetyFaultRow) {
        window.clear();
        final double[] raw = new double[1];
        final double[] normalized = new double[1];
        final double[] noise = new double[1];
        final double[] action = new double[1];
        final double[] logProb = new double[1];
        for (int i = 0; i < CAPACITY; i++) {
            raw[0] = 2 * random.nextDouble() - 1;
            behaviour.normalize(raw, 0, normalized, 1);
            noise[0] = random.nextGaussian();
            behaviour.sample(normalized, 1, noise, action, logProb);
            final double error = action[0] - sign * raw[0];
            final int row = window.append(-error * error, logProb[0],
                i == safetyFaultRow ? ExperienceRecordFlyweight.FLAG_SAFETY_FAULT : 0, 1L);
            window.observations()[row] = raw[0];
            window.actions()[row] = action[0];
            window.markEpisodeEnd(row, true);
        }
    }

    private static FleetLearner learner(final int maxPartners, final ParallelRunner runner) {
        return new FleetLearner(CONFIG, new int[] {16}, 1, new double[] {1.0}, new double[] {1.0}, 10.0, CAPACITY,
            maxPartners, ImportanceWeights.DEFAULT_CLIP, 1.0, 3, runner);
    }

    private static double meanAbsoluteError(final GaussianPolicy policy, final double sign) {
        final double[] observation = new double[1];
        final double[] action = new double[1];
        double error = 0.0;
        for (int i = 0; i <= 20; i++) {
            observation[0] = -1.0 + 0.1 * i;
            policy.deterministic(observation, action);
            error += Math.abs(action[0] - sign * observation[0]);
        }
        return error / 21;
    }

    @Test
    void shouldLearnFromItsOwnLoggedWindows() {
        try (ParallelRunner runner = new ParallelRunner(1, "test")) {
            final FleetLearner learner = learner(0, runner);
            final LoggedWindow window = new LoggedWindow(CAPACITY, 1, 1);
            final SplitMix64 random = new SplitMix64(5);
            final double before = meanAbsoluteError(learner.policy(), 1.0);
            for (int update = 0; update < 60; update++) {
                logWindow(learner.policy(), 1.0, random, window);
                learner.update(window, new LoggedWindow[0], 0);
            }
            final double after = meanAbsoluteError(learner.policy(), 1.0);
            assertTrue(before > 0.4, "an untrained policy is far off: " + before);
            assertTrue(after < 0.15, "after 60 windows the policy follows a = s: " + after);
            assertEquals(60L * CAPACITY, learner.ownSteps());
        }
    }

    @Test
    void shouldWeightOwnOnPolicyStepsOneAndUnusableStepsZero() {
        try (ParallelRunner runner = new ParallelRunner(1, "test")) {
            final FleetLearner learner = learner(1, runner);
            final LoggedWindow own = new LoggedWindow(CAPACITY, 1, 1);
            logWindow(learner.policy(), 1.0, new SplitMix64(1), own, 4);
            own.logProbabilities()[3] = Double.NaN;
            own.rewards()[5] = Double.NaN;
            final LoggedWindow partner = new LoggedWindow(CAPACITY, 1, 1);
            logWindow(learner.policy(), -1.0, new SplitMix64(2), partner);
            for (int row = 0; row < 10; row++) {
                partner.logProbabilities()[row] += 10.0;
            }

            learner.update(own, new LoggedWindow[] {partner}, 1);

            final RolloutBuffer batch = learner.batch();
            for (int row = 0; row < CAPACITY; row++) {
                final double expected = row == 3 || row == 4 || row == 5 ? 0.0 : 1.0;
                assertEquals(expected, batch.weights()[row], 1e-9, "own row " + row);
            }
            final int partnerRow = batch.row(1, 0);
            for (int row = 0; row < 10; row++) {
                assertEquals(Math.exp(-10.0), batch.weights()[partnerRow + row], 1e-12,
                    "a partner far more likely to take its action than this policy weighs π/μ");
            }
            assertEquals(1.0, batch.weights()[partnerRow + 10], 1e-9, "the same policy elsewhere: weight 1");
            assertEquals(CAPACITY - 3, learner.ownSteps(), "own steps learnt from");
            assertEquals(CAPACITY, learner.sharedSteps(), "partner steps are added, not put in place of own");
        }
    }

    @Test
    void shouldLeaveTheLastStepOfACutSegmentAsTheBootstrapStateOfTheOneBefore() {
        try (ParallelRunner runner = new ParallelRunner(1, "test")) {
            final FleetLearner learner = learner(0, runner);
            final LoggedWindow window = new LoggedWindow(CAPACITY, 1, 1);
            for (int i = 0; i < 3; i++) {
                final int row = window.append(1.0, -0.9, 0, 1L);
                window.observations()[row] = 0.1 * i;
                if (row > 0) {
                    window.linkToPrevious(row);
                }
            }
            learner.update(window, new LoggedWindow[0], 0);
            final RolloutBuffer batch = learner.batch();
            assertTrue(batch.weights()[0] > 0 && batch.weights()[1] > 0, "steps with a known successor are learnt");
            assertEquals(0.0, batch.weights()[2], "the cut step's successor is unknown");
            assertTrue(batch.truncated(1), "the step before it bootstraps from its state");
            assertEquals(batch.values()[2], batch.bootstrapValues()[1], 0.0);
            assertEquals(0.0, batch.weights()[3], "rows past the window are empty");
        }
    }
}
