package dev.sparring.hal.mujoco;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.controller.CartPoleRig;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.sim.SimRobotSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code mujoco} backend through {@link RobotBackends}, on {@code robots/hopper.yaml}. */
@ExtendWith(RequiresMujoco.class)
class MujocoBackendTest {
    private static final Path HOPPER = CartPoleRig.ROOT.resolve("robots/hopper.yaml");
    private static final long PERIOD_NS = 8_000_000L;
    private static final double GRAVITY_M_PER_S2 = 9.81;
    private static final int ROOTZ = 1;
    private static final int THIGH = 3;
    /** Rounds run before the probe's own warm-up: the falling hopper's first contacts take new paths for a while. */
    private static final int WARM_UP_ROUNDS = 5;
    private static final int TICKS_PER_ROUND = 2000;

    @Test
    void shouldConfigureActivateReadWriteAndDeactivateTheHopper() throws Exception {
        try (RobotSystem system = RobotBackends.create(atRest())) {
            final Plant plant = assertInstanceOf(SimRobotSystem.class, system).plant();
            assertEquals("hopper", plant.kind());
            assertTrue(system.isSimulated());
            system.useLoopPeriod(PERIOD_NS);
            assertEquals(ReturnCode.OK, system.configure());
            assertEquals(ReturnCode.OK, system.activate());
            final RobotState state = new RobotState(system.spec());
            final RobotCommand command = RobotCommand.effort(system.spec());

            assertEquals(ReturnCode.OK, system.read(0, state));
            assertEquals(1.25, state.positions()[ROOTZ], "the model's default pose: the torso 1.25 m up");
            command.values()[THIGH] = 50.0;
            assertEquals(ReturnCode.OK, system.write(command));
            assertEquals(ReturnCode.OK, system.read(PERIOD_NS, state));

            assertEquals(50.0, state.efforts()[THIGH]);
            assertEquals(50.0, plant.jointEffort(THIGH), 1e-12, "ctrl = effort / gear 200, read back");
            assertTrue(state.velocities()[THIGH] != 0.0, "the hip moved");
            assertEquals(ReturnCode.OK, system.deactivate());
            assertEquals(0.0, plant.jointEffort(THIGH), "deactivation applies zero effort");
        }
    }

    @Test
    void shouldFallUnderGravityByTheAnalyticAmountForWholePeriodsWhateverTheTickLateness() throws Exception {
        try (RobotSystem system = RobotBackends.create(atRest())) {
            system.useLoopPeriod(PERIOD_NS);
            system.configure();
            system.activate();
            final RobotState state = new RobotState(system.spec());
            final long[] latenessNs = {0, 3_000_000, 150_000, 7_900_000, 0, 2_000_000};
            system.read(0, state);

            for (int tick = 1; tick < latenessNs.length; tick++) {
                assertEquals(ReturnCode.OK, system.read(tick * PERIOD_NS + latenessNs[tick], state));

                final double timeS = tick * PERIOD_NS * 1e-9;
                assertEquals(1.25 - 0.5 * GRAVITY_M_PER_S2 * timeS * timeS, state.positions()[ROOTZ], 1e-9,
                    "free fall (the foot is 4 cm above the floor) after " + tick + " periods of 4 timesteps");
                assertEquals(-GRAVITY_M_PER_S2 * timeS, state.velocities()[ROOTZ], 1e-9);
            }
            assertEquals(ReturnCode.OK, system.read(8 * PERIOD_NS + 1, state));
            final double skippedS = 8 * PERIOD_NS * 1e-9;
            assertEquals(1.25 - 0.5 * GRAVITY_M_PER_S2 * skippedS * skippedS, state.positions()[ROOTZ], 1e-9,
                "two skipped ticks are made up");
        }
    }

    @Test
    void shouldRefuseALoopPeriodThatIsNotAWholeNumberOfTimesteps() {
        try (RobotSystem system = RobotBackends.create(RobotDescription.load(HOPPER))) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> system.useLoopPeriod(1_000_000L));

            assertTrue(e.getMessage().contains("loop period 1.0 ms is not a whole number of the physics timestep "
                + "of 'hopper', 2.0 ms: run at 500.0 Hz or that divided by a whole number"), e.getMessage());
        }
    }

    @Test
    void shouldNameTheFieldOfADescriptionThatDoesNotFitTheModel(@TempDir final Path dir) throws Exception {
        final String hopper = Files.readString(HOPPER);

        final ConfigException model = assertThrows(ConfigException.class,
            () -> describe(dir, hopper.replace("model: hopper", "model: hoper.xml")));
        final ConfigException joint = assertThrows(ConfigException.class,
            () -> describe(dir, hopper.replace("- name: leg_joint", "- name: knee")));
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> describe(dir, hopper.replace("  seed: 0", "  inner_step_us: 250")));

        assertTrue(model.getMessage().contains("mujoco.model must be a bundled model (inverted_pendulum, "
            + "half_cheetah, swimmer, hopper, walker2d) or an MJCF file relative to the description's directory, was "
            + "'hoper.xml' (no file " + dir.resolve("hoper.xml") + ")"), model.getMessage());
        assertTrue(joint.getMessage().contains("joints[4].name must be 'leg_joint'"), joint.getMessage());
        assertTrue(unknown.getMessage().contains("inner_step_us"), unknown.getMessage());
    }

    @Test
    void shouldLoadAnMjcfFileRelativeToTheDescription(@TempDir final Path dir) throws Exception {
        Files.copy(BundledModels.path("hopper"), dir.resolve("my_hopper.xml"));

        try (RobotSystem system = describe(dir, Files.readString(HOPPER).replace("model: hopper",
            "model: my_hopper.xml"))) {
            assertEquals("my_hopper", ((SimRobotSystem) system).plant().kind());
        }
    }

    @Test
    void shouldReadErrorAndApplyTheSafeStateOnceTheSimulationFails() {
        try (SimRobotSystem system = (SimRobotSystem) RobotBackends.create(RobotDescription.load(HOPPER))) {
            system.useLoopPeriod(PERIOD_NS);
            system.configure();
            system.activate();
            final RobotState state = new RobotState(system.spec());
            final RobotCommand command = RobotCommand.effort(system.spec());
            command.values()[THIGH] = 100.0;
            system.read(0, state);
            system.write(command);
            final Plant plant = system.plant();
            plant.setDisturbanceForce(plant.bodyIndex("torso"), 1e12, 0.0);

            assertEquals(ReturnCode.ERROR, system.read(PERIOD_NS, state));

            assertTrue(plant.simulationFailed());
            assertEquals(0.0, plant.jointEffort(THIGH), "the safe state: zero effort");
            assertEquals(ReturnCode.ERROR, system.read(2 * PERIOD_NS, state), "a failed simulation stays failed");
        }
    }

    @Test
    void shouldAllocateNothingPerReadAndWriteTick() {
        try (RobotSystem system = RobotBackends.create(RobotDescription.load(HOPPER))) {
            system.useLoopPeriod(PERIOD_NS);
            system.configure();
            system.activate();
            final RobotState state = new RobotState(system.spec());
            final RobotCommand command = RobotCommand.effort(system.spec());
            final long[] tick = {0};

            final IntConsumer tickWork = i -> {
                system.read(tick[0]++ * PERIOD_NS, state);
                command.values()[THIGH] = (i % 7) - 3.0;
                system.write(command);
            };
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                AllocationProbe.bytesAllocated(TICKS_PER_ROUND, tickWork);
            }

            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(TICKS_PER_ROUND, tickWork);

            assertEquals(0, bytes);
        }
    }

    /** robots/hopper.yaml without its reset noise: the robot starts in the model's default pose, at rest. */
    private static RobotDescription atRest() throws Exception {
        final String yaml = Files.readString(HOPPER);
        final String noise = yaml.lines().filter(line -> line.strip().startsWith("reset_noise:")).findFirst()
            .orElseThrow();
        return RobotDescription.parse("hopper.yaml", HOPPER.getParent(), yaml.replace(noise + "\n", ""));
    }

    private static RobotSystem describe(final Path dir, final String yaml) {
        return RobotBackends.create(RobotDescription.parse("hopper.yaml", dir, yaml));
    }
}
