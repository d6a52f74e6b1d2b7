package dev.sparring.hal.mock;

import dev.sparring.hal.AbstractRobotSystem;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

import java.util.Arrays;

/**
 * Mock hardware as ros2_control's {@code mock_components/GenericSystem}: no physics, commands become states.
 * <ul>
 *   <li>{@link #write(RobotCommand)} stores the command; the next {@link #read(long, RobotState)} copies it to the
 *       state of the same kind: a position command becomes the position, a velocity command the velocity (and the
 *       position integrates it over the time since the previous read), an effort command the effort.</li>
 *   <li>NaN means "no command yet": that joint's state is kept (a held velocity keeps integrating). Passive joints
 *       keep their initial state. Extra sensor channels read 0.</li>
 *   <li>Activate, deactivate, shutdown and an injected failure apply the safe state (through
 *       {@link AbstractRobotSystem}): held commands dropped, velocities and efforts of actuated joints set to 0,
 *       positions kept.</li>
 * </ul>
 * Switches that break it on purpose, for safety tests (each stays set until cleared, except the one-shot failures):
 * {@link #loseFeedback(boolean)}, {@link #stickJoint(int, boolean)}, {@link #injectNaN(StateChannel, int, boolean)},
 * {@link #failNextRead()}, {@link #failNextWrite()}. Read and write allocate nothing.
 */
public final class MockRobotSystem extends AbstractRobotSystem {
    private final int jointCount;
    private final boolean[] actuated;
    private final double[] positions;
    private final double[] velocities;
    private final double[] efforts;
    private final double[] sensors;
    private final CommandMode[] modes;
    private final double[] commands;
    private final boolean[] stuck;
    private final boolean[] nanPositions;
    private final boolean[] nanVelocities;
    private final boolean[] nanEfforts;
    private final boolean[] nanSensors;
    private boolean feedbackLost;
    private boolean failRead;
    private boolean failWrite;
    private boolean clockStarted;
    private long lastReadNs;

    /**
     * @param spec             the robot.
     * @param initialPositions starting position of every joint (rad or m).
     */
    public MockRobotSystem(final RobotSpec spec, final double[] initialPositions) {
        super(spec, true);
        this.jointCount = spec.jointCount();
        if (initialPositions.length != jointCount) {
            throw new IllegalArgumentException("robot '" + spec.name() + "' has " + jointCount + " joints but "
                + initialPositions.length + " initial positions were given");
        }
        this.actuated = new boolean[jointCount];
        for (int i = 0; i < jointCount; i++) {
            actuated[i] = spec.joints().get(i).isActuated();
        }
        this.positions = initialPositions.clone();
        this.velocities = new double[jointCount];
        this.efforts = new double[jointCount];
        this.sensors = new double[spec.sensorCount()];
        this.modes = new CommandMode[jointCount];
        this.commands = new double[jointCount];
        this.stuck = new boolean[jointCount];
        this.nanPositions = new boolean[jointCount];
        this.nanVelocities = new boolean[jointCount];
        this.nanEfforts = new boolean[jointCount];
        this.nanSensors = new boolean[spec.sensorCount()];
        Arrays.fill(modes, CommandMode.EFFORT);
        Arrays.fill(commands, Double.NaN);
    }

    /**
     * While lost, reads return OK but deliver no fresh sample: the state and its sample sequence stay unchanged, as
     * when a link stops answering. The mock's own state keeps following the commands meanwhile.
     *
     * @param lost whether feedback is lost.
     */
    public void loseFeedback(final boolean lost) {
        feedbackLost = lost;
    }

    /**
     * A stuck joint's state is frozen: commands no longer move it.
     *
     * @param joint joint index.
     * @param stuckNow whether the joint is stuck.
     */
    public void stickJoint(final int joint, final boolean stuckNow) {
        stuck[joint] = stuckNow;
    }

    /**
     * While enabled, every read reports NaN in that channel.
     *
     * @param channel which state array.
     * @param index   joint index, or sensor channel index for {@link StateChannel#SENSOR}.
     * @param enabled whether to report NaN.
     */
    public void injectNaN(final StateChannel channel, final int index, final boolean enabled) {
        switch (channel) {
            case POSITION -> nanPositions[index] = enabled;
            case VELOCITY -> nanVelocities[index] = enabled;
            case EFFORT -> nanEfforts[index] = enabled;
            case SENSOR -> nanSensors[index] = enabled;
        }
    }

    /** The next read returns ERROR without touching the state, and the safe state is applied. */
    public void failNextRead() {
        failRead = true;
    }

    /** The next write returns ERROR without taking the command, and the safe state is applied. */
    public void failNextWrite() {
        failWrite = true;
    }

    /** Drops the held commands and stops the actuated joints: velocities and efforts 0, positions kept. */
    @Override
    protected void applySafeState() {
        Arrays.fill(commands, Double.NaN);
        for (int i = 0; i < jointCount; i++) {
            if (actuated[i]) {
                velocities[i] = 0.0;
                efforts[i] = 0.0;
            }
        }
    }

    @Override
    protected ReturnCode onRead(final long nowNs, final RobotState state) {
        if (failRead) {
            failRead = false;
            return ReturnCode.ERROR;
        }
        final double dtS = clockStarted ? (nowNs - lastReadNs) * 1e-9 : 0.0;
        clockStarted = true;
        lastReadNs = nowNs;
        for (int i = 0; i < jointCount; i++) {
            if (actuated[i] && !stuck[i]) {
                follow(i, dtS);
            }
        }
        if (feedbackLost) {
            return ReturnCode.OK;
        }
        copyWithFaults(positions, nanPositions, state.positions());
        copyWithFaults(velocities, nanVelocities, state.velocities());
        copyWithFaults(efforts, nanEfforts, state.efforts());
        copyWithFaults(sensors, nanSensors, state.sensors());
        state.markFreshSample(nowNs);
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onWrite(final RobotCommand command) {
        if (failWrite) {
            failWrite = false;
            return ReturnCode.ERROR;
        }
        final double[] values = command.values();
        for (int i = 0; i < jointCount; i++) {
            modes[i] = command.mode(i);
            commands[i] = values[i];
        }
        return ReturnCode.OK;
    }

    private void follow(final int joint, final double dtS) {
        final double command = commands[joint];
        final boolean given = !Double.isNaN(command);
        switch (modes[joint]) {
            case POSITION -> {
                if (given) {
                    positions[joint] = command;
                }
            }
            case VELOCITY -> {
                if (given) {
                    velocities[joint] = command;
                }
                positions[joint] += velocities[joint] * dtS;
            }
            case EFFORT -> {
                if (given) {
                    efforts[joint] = command;
                }
            }
        }
    }

    private static void copyWithFaults(final double[] source, final boolean[] nan, final double[] target) {
        for (int i = 0; i < source.length; i++) {
            target[i] = nan[i] ? Double.NaN : source[i];
        }
    }
}
