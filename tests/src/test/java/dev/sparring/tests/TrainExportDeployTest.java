package dev.sparring.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.Controller;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.TrainingConfig;
import dev.sparring.trainer.run.TrainingRun;
import dev.sparring.trainer.run.TrainingSession;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's path end to end: PPO trains the inverted pendulum off-board, the protagonist is exported to a policy
 * file, and the controller loads that file and runs it in its fixed-rate loop at 1 kHz, the policy at its trained
 * 25 Hz, on the simulated HAL (driven by a clock the test advances, so the 40 simulated seconds take far less) for one
 * whole task episode: 1000 steps of 0.04 s, with the pole never leaving ±0.2 rad and no safety fault.
 */
class TrainExportDeployTest {
    private static final Path ROOT = Files.isDirectory(Path.of("robots")) ? Path.of(".") : Path.of("..");
    private static final long EPISODE_TICKS = 40_000;

    @TempDir
    Path dir;

    @Test
    void shouldTrainExportAndBalanceInTheFixedRateControllerForAWholeEpisode() throws Exception {
        final TrainingConfig config = TrainingConfig.defaults("inverted_pendulum", Algorithm.PPO, false, 0, 80_000);
        try (TrainingSession session = TrainingSession.start(config)) {
            assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.run(session, dir, false, () -> false, null));
            assertTrue(session.protagonist().metrics().meanEpisodicReturn() >= 950.0,
                "trained mean return " + session.protagonist().metrics().meanEpisodicReturn());
        }
        final RobotDescription robot = RobotDescription.load(ROOT.resolve("robots/inverted_pendulum.yaml"));
        try (Controller controller = Controller.create(robot, dir.resolve(TrainingRun.POLICY_FILE), 1000.0)) {
            assertEquals(40, controller.policyPeriodTicks(), "the policy acts every 0.04 s, as trained");
            final CachedNanoClock clock = new CachedNanoClock();
            clock.update(5_000_000_000L);
            final FixedRateLoopAgent loop = new FixedRateLoopAgent(clock, controller.periodNs(), controller.tick(),
                EPISODE_TICKS, FixedRateLoopAgent.NO_LIMIT);
            loop.onStart();
            for (long k = 0; k < EPISODE_TICKS; k++) {
                assertEquals(1, loop.doWork());
                clock.advance(controller.periodNs());
            }
            assertThrows(AgentTerminationException.class, loop::doWork, "the loop ends after its ticks");
            assertEquals(EPISODE_TICKS, loop.ticksRun());
            assertEquals(0, loop.overrunCount());
            assertEquals(0, controller.tick().supervisor().totalFaults());
            assertFalse(controller.tick().reward().terminated(), "the pole left ±0.2 rad");
            assertEquals((EPISODE_TICKS - 1) / 40.0, controller.tick().reward().episodeReturn(), 1e-6, "+1 per policy "
                + "step, 1/40 per tick; the loop's last tick shows the outcome of 39 999 ticks' commands");
            assertTrue(Math.abs(controller.tick().state().positions()[0]) < 1.0, "cart within the rail");
        }
    }
}
