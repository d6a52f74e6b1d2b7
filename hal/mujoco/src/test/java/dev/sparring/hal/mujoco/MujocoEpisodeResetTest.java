package dev.sparring.hal.mujoco;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.ControlTick;
import dev.sparring.controller.Controller;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.policy.RandomPolicies;
import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.ResettableSystem;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.hal.task.ResetNoise;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code robots/hopper.yaml}'s episodes: each starts from Gymnasium's reset noise drawn with
 * {@code derive(mujoco.seed, k)}, as the trainer's evaluator draws its episode {@code k}, and the controller's tick
 * with the on-board locomotion reward and those resets allocates nothing.
 */
@ExtendWith(RequiresMujoco.class)
class MujocoEpisodeResetTest {
    private static final Path HOPPER = CartPoleRig.ROOT.resolve("robots/hopper.yaml");
    private static final long PERIOD_NS = 8_000_000L;
    private static final double[] QPOS0 = {0.0, 1.25, 0.0, 0.0, 0.0, 0.0};
    private static final int TICKS_PER_ROUND = 2000;

    @Test
    void shouldStartEachEpisodeFromTheSeededResetNoiseWithoutAdvancingThePhysics() {
        try (RobotSystem system = RobotBackends.create(RobotDescription.load(HOPPER))) {
            system.useLoopPeriod(PERIOD_NS);
            system.configure();
            system.activate();
            final RobotState state = new RobotState(system.spec());
            assertEquals(ReturnCode.OK, system.read(0, state));
            assertState(0, state, "the robot is built in episode 0's start");

            final RobotCommand command = RobotCommand.effort(system.spec());
            command.values()[3] = 150.0;
            system.write(command);
            assertEquals(ReturnCode.OK, system.read(PERIOD_NS, state));
            assertTrue(state.positions()[3] != start(0)[0][3], "the physics advanced under the command");
            assertInstanceOf(ResettableSystem.class, system).resetForNextEpisode();
            assertEquals(ReturnCode.OK, system.read(3 * PERIOD_NS, state));

            assertState(1, state, "the read after a reset shows episode 1's start, whatever time passed");
            assertEquals(0.0, state.efforts()[3], "the held command is dropped");
        }
    }

    @Test
    void shouldRunTheTickWithTheLocomotionRewardAndResetsWithoutAllocating(@TempDir final Path dir)
        throws Exception {
        final Path policy = dir.resolve("hopper-random.policy");
        PolicyWriter.write(RandomPolicies.withMetadata(RandomPolicies.create(3, 11, new int[] {8}, 3,
            Activation.TANH), Map.of("robot", "hopper", "control_period_s", "0.008")), policy);
        try (Controller controller = Controller.create(RobotDescription.load(HOPPER), policy, Double.NaN)) {
            final ControlTick tick = controller.tick();
            final long[] now = {5_000_000_000L};
            final long[] index = {0};
            tick.onLoopStart(now[0]);

            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(TICKS_PER_ROUND, i -> {
                tick.onTick(now[0], index[0]++);
                now[0] += PERIOD_NS;
            });

            assertEquals(0, bytes, "bytes allocated per round of " + TICKS_PER_ROUND + " ticks");
            assertTrue(tick.completedEpisodes() > 10, "a random policy topples the hopper: many episodes end and "
                + "reset, " + tick.completedEpisodes());
            assertEquals(0, tick.supervisor().totalFaults());
        }
    }

    /** @return {positions, velocities} of episode k's start under robots/hopper.yaml's seed 0 and noise 0.005. */
    private static double[][] start(final int episode) {
        final double[] positions = new double[QPOS0.length];
        final double[] velocities = new double[QPOS0.length];
        new ResetNoise(0.005, false).draw(new SplitMix64(SplitMix64.derive(0L, episode)), QPOS0,
            new double[QPOS0.length], positions, velocities);
        return new double[][] {positions, velocities};
    }

    private static void assertState(final int episode, final RobotState state, final String message) {
        final double[][] expected = start(episode);
        assertArrayEquals(expected[0], state.positions(), 0.0, message);
        assertArrayEquals(expected[1], state.velocities(), 0.0, message);
    }
}
