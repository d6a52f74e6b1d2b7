package dev.sparring.hal.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.ConfigException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockRobotSystemTest {
    private static final long MS = 1_000_000L;
    private static final String ROBOT = """
        name: mocked
        backend: mock
        joints:
          - {name: a, max_velocity: 5.0, max_effort: 2.0, command_modes: [position, velocity, effort]}
          - {name: b, max_velocity: 5.0, max_effort: 2.0, command_modes: [position, velocity, effort]}
          - {name: c, max_velocity: 5.0, passive: true}
        sensors: [imu_z]
        mock:
          initial_positions: [0.1, 0.2, 0.3]
        """;
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private MockRobotSystem system;
    private RobotState state;
    private RobotCommand command;

    @BeforeEach
    void activate() {
        system = (MockRobotSystem) RobotBackends.create(TestDescriptions.parse(ROBOT));
        system.configure();
        system.activate();
        state = new RobotState(system.spec());
        command = new RobotCommand(system.spec(),
            new CommandMode[] {CommandMode.POSITION, CommandMode.VELOCITY, CommandMode.EFFORT});
        system.read(0, state);
    }

    @Test
    void shouldBeFoundByNameAsASimulatedBackendAndStartAtItsInitialPositions() {
        assertTrue(RobotBackends.find("mock").isSimulated());
        assertTrue(system.isSimulated());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, state.positions());
        assertEquals(1, state.sampleSequence());
    }

    @Test
    void shouldCopyAPositionCommandToThePosition() {
        command.values()[A] = 1.25;
        system.write(command);
        system.read(MS, state);

        assertEquals(1.25, state.positions()[A]);
    }

    @Test
    void shouldCopyAVelocityCommandToTheVelocityAndIntegrateThePosition() {
        command.values()[B] = 0.5;
        system.write(command);
        for (int tick = 1; tick <= 1000; tick++) {
            system.read(tick * MS, state);
        }

        assertEquals(0.5, state.velocities()[B]);
        assertEquals(0.2 + 0.5, state.positions()[B], 1e-12);
    }

    @Test
    void shouldCopyAnEffortCommandToTheEffort() {
        final RobotCommand efforts = RobotCommand.effort(system.spec());
        efforts.values()[A] = -0.75;
        system.write(efforts);
        system.read(MS, state);

        assertEquals(-0.75, state.efforts()[A]);
        assertEquals(0.1, state.positions()[A]);
    }

    @Test
    void shouldKeepTheStateWhenTheCommandIsNaN() {
        command.values()[A] = 1.25;
        command.values()[B] = 0.5;
        system.write(command);
        system.read(MS, state);

        command.clear();
        system.write(command);
        system.read(2 * MS, state);

        assertEquals(1.25, state.positions()[A]);
        assertEquals(0.5, state.velocities()[B]);
        assertEquals(0.2 + 0.5 * 2e-3, state.positions()[B], 1e-12);
    }

    @Test
    void shouldLeaveAPassiveJointAtItsInitialState() {
        final RobotCommand efforts = RobotCommand.effort(system.spec());
        efforts.values()[C] = 3.0;
        system.write(efforts);
        system.read(MS, state);

        assertEquals(0.3, state.positions()[C]);
        assertEquals(0.0, state.efforts()[C]);
    }

    @Test
    void shouldDeliverNoFreshSampleWhileFeedbackIsLost() {
        final long sequence = state.sampleSequence();
        system.loseFeedback(true);
        command.values()[A] = 2.0;
        system.write(command);

        assertEquals(ReturnCode.OK, system.read(MS, state));
        assertEquals(sequence, state.sampleSequence());
        assertEquals(0.1, state.positions()[A]);
        assertEquals(0, state.sampleTimeNs());

        system.loseFeedback(false);
        system.read(2 * MS, state);
        assertEquals(sequence + 1, state.sampleSequence());
        assertEquals(2.0, state.positions()[A]);
    }

    @Test
    void shouldFreezeAStuckJoint() {
        system.stickJoint(A, true);
        command.values()[A] = 1.0;
        command.values()[B] = 1.0;
        system.write(command);
        system.read(MS, state);

        assertEquals(0.1, state.positions()[A]);
        assertEquals(1.0, state.velocities()[B]);

        system.stickJoint(A, false);
        system.read(2 * MS, state);
        assertEquals(1.0, state.positions()[A]);
    }

    @Test
    void shouldReportNaNInAnInjectedChannelOnly() {
        system.injectNaN(StateChannel.POSITION, A, true);
        system.injectNaN(StateChannel.VELOCITY, B, true);
        system.injectNaN(StateChannel.EFFORT, C, true);
        system.injectNaN(StateChannel.SENSOR, 0, true);
        system.read(MS, state);

        assertTrue(Double.isNaN(state.positions()[A]));
        assertTrue(Double.isNaN(state.velocities()[B]));
        assertTrue(Double.isNaN(state.efforts()[C]));
        assertTrue(Double.isNaN(state.sensors()[0]));
        assertEquals(0.2, state.positions()[B]);
        assertEquals(0.0, state.velocities()[A]);

        system.injectNaN(StateChannel.POSITION, A, false);
        system.read(2 * MS, state);
        assertEquals(0.1, state.positions()[A]);
    }

    @Test
    void shouldFailTheNextReadOnceLeavingTheStateAndStoppingTheJoints() {
        command.values()[B] = 0.5;
        system.write(command);
        system.read(MS, state);
        final long sequence = state.sampleSequence();

        system.failNextRead();
        assertEquals(ReturnCode.ERROR, system.read(2 * MS, state));
        assertEquals(sequence, state.sampleSequence());
        assertEquals(0.5, state.velocities()[B]);

        assertEquals(ReturnCode.OK, system.read(3 * MS, state));
        assertEquals(0.0, state.velocities()[B]);
    }

    @Test
    void shouldFailTheNextWriteOnceWithoutTakingTheCommand() {
        system.failNextWrite();
        command.values()[A] = 1.0;

        assertEquals(ReturnCode.ERROR, system.write(command));
        system.read(MS, state);
        assertEquals(0.1, state.positions()[A]);
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState(), "an error leaves ACTIVE");

        system.activate();
        assertEquals(ReturnCode.OK, system.write(command));
        system.read(2 * MS, state);
        assertEquals(1.0, state.positions()[A]);
    }

    @Test
    void shouldStopTheJointsAndRefuseCommandsWhenDeactivated() {
        command.values()[B] = 0.5;
        system.write(command);
        system.read(MS, state);

        system.deactivate();

        assertEquals(ReturnCode.ERROR, system.write(command));
        system.read(2 * MS, state);
        assertEquals(0.0, state.velocities()[B]);
        assertEquals(0.2 + 0.5e-3, state.positions()[B], 1e-12);
    }

    @Test
    void shouldNameTheFieldWhenInitialPositionsDoNotMatchTheJoints() {
        final ConfigException error = assertThrows(ConfigException.class, () -> RobotBackends.create(
            TestDescriptions.parse(ROBOT.replace("[0.1, 0.2, 0.3]", "[0.1]"))));

        assertEquals("test.yaml: mock.initial_positions must have one value per joint (3), has 1", error.getMessage());
    }
}
