package dev.sparring.hal.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.plant.Plant;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SimRobotSystemTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;

    private static final String CARTPOLE = """
        name: cartpole
        backend: sim
        joints:
          - {name: slider, type: prismatic, max_velocity: 5.0, max_effort: 10.0, command_modes: [effort, velocity]}
          - {name: hinge, max_velocity: 20.0, passive: true}
        sim:
          plant: cartpole
          inner_step_us: 250
          initial_state: {positions: [0.0, 0.1]}
          actuators:
            slider: {torque_constant_nm_per_a: 0.1, gear_ratio: 50.0, max_current_a: 2.0}
          pd_gains:
            slider: {kv: 20.0}
        """;

    private static final String PENDULUM = """
        name: pendulum
        backend: sim
        joints:
          - {name: hinge, max_velocity: 30.0, max_effort: 3.0, command_modes: [effort, position, velocity]}
        sim:
          plant: pendulum
          inner_step_us: 250
          seed: %d
          initial_state: {positions: [%s]}
          parameters: {hinge_viscous_nm_s_per_rad: 0.05}
          sensors:
            delay_ticks: %d
            joints:
              hinge: {counts_per_revolution: %d, position_noise_std: %s, velocity_noise_std: %s}
          pd_gains:
            hinge: {kp: 20.0, kd: 1.0, kv: 2.0}
        """;

    private static final String ARM = """
        name: arm
        backend: sim
        joints:
          - {name: shoulder, max_velocity: 10.0, max_effort: 1.5, command_modes: [effort, position, velocity]}
          - {name: elbow, max_velocity: 10.0, max_effort: 1.0, command_modes: [effort, position, velocity]}
        sensors: [end_effector_y, end_effector_x]
        sim:
          plant: two_link_arm
          seed: 3
          parameters: {gravity_m_per_s2: 9.81, shoulder_coulomb_nm: 0.01}
          actuators:
            shoulder: {torque_constant_nm_per_a: 0.03, gear_ratio: 50.0, max_current_a: 1.0}
          sensors:
            delay_ticks: 2
            joints:
              shoulder: {counts_per_revolution: 16384, position_noise_std: 0.001, velocity_noise_std: 0.01}
              elbow: {counts_per_revolution: 4096, velocity_noise_std: 0.01}
            channels:
              end_effector_x: {resolution: 0.0001, noise_std: 0.001}
          pd_gains:
            shoulder: {kp: 8.0, kd: 0.3, kv: 0.5}
            elbow: {kp: 5.0, kd: 0.2, kv: 0.3}
        """;

    @Test
    void shouldBeFoundByNameAsASimulatedBackend() {
        assertTrue(RobotBackends.find("sim").isSimulated());
        assertTrue(active(CARTPOLE).isSimulated());
    }

    @Test
    void shouldOnlySetTheTimeOriginOnTheFirstRead() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());

        assertEquals(ReturnCode.OK, system.read(5_000 * MS, state));

        assertEquals(0.1, system.plant().q(1));
        assertEquals(0.0, system.plant().qd(1));
        assertEquals(0.1, state.positions()[1]);
        assertEquals(1, state.sampleSequence());
        assertEquals(5_000 * MS, state.sampleTimeNs());
    }

    @Test
    void shouldAdvanceInWholeInnerStepsAndCarryTheRemainder() {
        final SimRobotSystem system = active(CARTPOLE);
        final Plant reference = ((SimRobotSystem) RobotBackends.create(TestDescriptions.parse(CARTPOLE))).plant();
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());

        system.read(0, state);
        command.values()[0] = 2.0;
        system.write(command);
        system.read(300 * US, state);
        system.read(600 * US, state);
        reference.setJointEffort(0, 2.0);
        reference.setTimestepS(250e-6);
        reference.advance(2);
        assertPlantsEqual(reference, system.plant());

        system.read(1000 * US, state);
        reference.advance(2);
        assertPlantsEqual(reference, system.plant());
        assertEquals(reference.q(0), state.positions()[0]);
    }

    @Test
    void shouldSaturateEffortAtTheActuatorLimitAndReportTheAppliedEffort() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.read(0, state);

        command.values()[0] = 1000.0;
        system.write(command);
        system.read(MS, state);
        assertEquals(0.1 * 50.0 * 2.0, state.efforts()[0]);
        assertEquals(0.1 * 50.0 * 2.0, system.plant().jointEffort(0));

        command.values()[0] = -1000.0;
        system.write(command);
        system.read(2 * MS, state);
        assertEquals(-10.0, state.efforts()[0]);

        command.values()[0] = 3.5;
        system.write(command);
        system.read(3 * MS, state);
        assertEquals(3.5, state.efforts()[0]);
    }

    @Test
    void shouldIgnoreCommandsToAPassiveJoint() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.read(0, state);

        command.values()[1] = 5.0;
        assertEquals(ReturnCode.OK, system.write(command));
        system.read(MS, state);

        assertEquals(0.0, state.efforts()[1]);
        assertEquals(0.0, system.plant().jointEffort(1));
    }

    @Test
    void shouldApplyZeroEffortForANaNCommand() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.read(0, state);
        command.values()[0] = 4.0;
        system.write(command);
        system.read(MS, state);

        command.values()[0] = Double.NaN;
        system.write(command);
        system.read(2 * MS, state);

        assertEquals(0.0, state.efforts()[0]);
    }

    @Test
    void shouldApplyZeroEffortAtOnceOnDeactivateAndRefuseCommands() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.read(0, state);
        command.values()[0] = 4.0;
        system.write(command);
        system.read(MS, state);

        system.deactivate();

        assertEquals(0.0, system.plant().jointEffort(0));
        assertEquals(ReturnCode.ERROR, system.write(command));
        assertEquals(ReturnCode.OK, system.read(2 * MS, state));
        assertEquals(0.0, state.efforts()[0]);
    }

    @Test
    void shouldTrackAVelocityTargetWithAProportionalLoopAtEveryInnerStep() {
        final SimRobotSystem system = active(CARTPOLE);
        final Plant reference = ((SimRobotSystem) RobotBackends.create(TestDescriptions.parse(CARTPOLE))).plant();
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = new RobotCommand(system.spec(),
            new CommandMode[] {CommandMode.VELOCITY, CommandMode.EFFORT});
        system.read(0, state);

        command.values()[0] = 0.3;
        system.write(command);
        system.read(MS, state);
        reference.setTimestepS(250e-6);
        for (int step = 0; step < 4; step++) {
            reference.setJointEffort(0, Math.clamp(20.0 * (0.3 - reference.qd(0)), -10.0, 10.0));
            reference.advance(1);
        }

        assertPlantsEqual(reference, system.plant());
    }

    @Test
    void shouldEvaluateThePositionLoopAtEveryInnerStepAndSettleWhereItBalancesGravity() {
        final SimRobotSystem system = active(PENDULUM.formatted(1, "0.0", 0, 0, "0.0", "0.0"));
        final Plant plant = system.plant();
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = new RobotCommand(system.spec(), new CommandMode[] {CommandMode.POSITION});
        system.read(0, state);
        command.values()[0] = 0.1;
        system.write(command);

        system.read(250 * US, state);
        assertEquals(20.0 * 0.1, state.efforts()[0]);
        final double expectedSecondEffort = 20.0 * (0.1 - plant.q(0)) - 1.0 * plant.qd(0);
        system.read(500 * US, state);
        assertEquals(expectedSecondEffort, state.efforts()[0]);

        for (long t = 1; t <= 30_000; t++) {
            system.read(t * MS, state);
        }
        final double gravityTorque = 1.0 * 9.81 * 1.0 * Math.sin(state.positions()[0]);
        assertEquals(0.1 - gravityTorque / 20.0, state.positions()[0], 1e-7, "kp·error = m·g·l·sin q");
    }

    @Test
    void shouldQuantisePositionsToWholeEncoderCounts() {
        final SimRobotSystem system = active(PENDULUM.formatted(1, "0.123456", 0, 4096, "0.0", "0.0"));
        final RobotState state = new RobotState(system.spec());

        system.read(0, state);

        final double step = 2 * Math.PI / 4096;
        assertEquals(Math.floor(0.123456 / step) * step, state.positions()[0]);
        assertEquals(0.0, state.velocities()[0]);
    }

    @Test
    void shouldDelayMeasurementsByKTicksButNotTheAppliedEffort() {
        final int delay = 3;
        final SimRobotSystem system = active(PENDULUM.formatted(1, "1.0", delay, 0, "0.0", "0.0"));
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        final double[] truePositions = new double[20];
        final double[] trueVelocities = new double[20];

        for (int tick = 0; tick < truePositions.length; tick++) {
            system.read(tick * MS, state);
            truePositions[tick] = system.plant().q(0);
            trueVelocities[tick] = system.plant().qd(0);
            final int measured = Math.max(0, tick - delay);
            assertEquals(truePositions[measured], state.positions()[0], "tick " + tick);
            assertEquals(trueVelocities[measured], state.velocities()[0], "tick " + tick);
            assertEquals(system.plant().jointEffort(0), state.efforts()[0], "tick " + tick);
            command.values()[0] = 0.1 * tick;
            system.write(command);
        }
        assertNotEquals(truePositions[0], truePositions[truePositions.length - 1]);
    }

    @Test
    void shouldReproduceTheSameTrajectoryBitForBitForTheSameSeed() {
        final String yaml = PENDULUM.formatted(11, "0.5", 2, 4096, "0.001", "0.05");
        final double[] first = trajectory(active(yaml));

        assertArrayEquals(first, trajectory(active(yaml)));
        assertFalse(Arrays.equals(first,
            trajectory(active(PENDULUM.formatted(12, "0.5", 2, 4096, "0.001", "0.05")))));
    }

    @Test
    void shouldFillSensorChannelsInTheDescriptionsOrder() {
        final SimRobotSystem system = active(ARM);
        final RobotState state = new RobotState(system.spec());

        system.read(0, state);

        assertEquals(system.plant().channel(system.plant().channelIndex("end_effector_y")), state.sensors()[0]);
        assertEquals(0.55, state.sensors()[1], 0.01);
    }

    @Test
    void shouldReturnErrorAndZeroEffortWhenTheClockGoesBackwards() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.read(10 * MS, state);
        command.values()[0] = 4.0;
        system.write(command);
        system.read(11 * MS, state);

        assertEquals(ReturnCode.ERROR, system.read(10 * MS, state));
        assertEquals(0.0, system.plant().jointEffort(0));
        assertEquals(2, state.sampleSequence());
    }

    @Test
    void shouldReturnErrorAndDropTheHeldCommandWhenReadIntoAStateOfAnotherShape() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotCommand command = RobotCommand.effort(system.spec());
        command.values()[0] = 4.0;
        system.write(command);
        final RobotState pendulumState = new RobotState(TestDescriptions.parse(PENDULUM.formatted(0, "0.0", 0, 0,
            "0.0", "0.0")).spec());

        assertEquals(ReturnCode.ERROR, system.read(0, pendulumState));
        final RobotState state = new RobotState(system.spec());
        system.read(0, state);
        system.read(MS, state);
        assertEquals(0.0, state.efforts()[0]);
    }

    @Test
    void shouldExposeThePlantForDisturbancesAndParameters() {
        final SimRobotSystem system = active(CARTPOLE);
        final RobotState state = new RobotState(system.spec());
        final Plant plant = system.plant();
        plant.setParameter(plant.parameterIndex("gravity_m_per_s2"), 0.0);
        plant.reset(new double[2], new double[2]);
        system.read(0, state);

        plant.setDisturbanceForce(plant.bodyIndex("cart"), 1.1, 0.0);
        system.read(MS, state);

        assertSame(plant, system.plant());
        assertTrue(state.velocities()[0] > 0);
    }

    @Test
    void shouldNotAllocateInReadOrWriteAfterWarmUp() {
        final SimRobotSystem system = active(ARM);
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = new RobotCommand(system.spec(),
            new CommandMode[] {CommandMode.POSITION, CommandMode.EFFORT});
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        runTicks(system, state, command, 0, 200_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        runTicks(system, state, command, 200_000, 100_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over 100 000 read/write cycles");
        assertEquals(300_000, state.sampleSequence());
    }

    private static void runTicks(final SimRobotSystem system, final RobotState state, final RobotCommand command,
        final int first, final int count) {
        final double[] values = command.values();
        for (int tick = first; tick < first + count; tick++) {
            system.read(tick * MS, state);
            values[0] = 0.5 * Math.sin(tick * 1e-3);
            values[1] = state.positions()[1] > 0 ? -0.2 : 0.2;
            system.write(command);
        }
    }

    private static double[] trajectory(final SimRobotSystem system) {
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        final double[] samples = new double[3 * 2000];
        for (int tick = 0; tick < 2000; tick++) {
            system.read(tick * MS, state);
            samples[3 * tick] = state.positions()[0];
            samples[3 * tick + 1] = state.velocities()[0];
            samples[3 * tick + 2] = state.efforts()[0];
            command.values()[0] = -2.0 * state.velocities()[0];
            system.write(command);
        }
        return samples;
    }

    private static SimRobotSystem active(final String yaml) {
        final SimRobotSystem system = (SimRobotSystem) RobotBackends.create(TestDescriptions.parse(yaml));
        system.configure();
        system.activate();
        return system;
    }

    private static void assertPlantsEqual(final Plant expected, final Plant actual) {
        for (int i = 0; i < expected.dof(); i++) {
            assertEquals(expected.q(i), actual.q(i), "q" + i);
            assertEquals(expected.qd(i), actual.qd(i), "qd" + i);
        }
    }
}
