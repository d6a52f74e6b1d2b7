package dev.sparring.hal.sim;

import dev.sparring.hal.AbstractRobotSystem;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantBackedSystem;

import java.util.Arrays;

/**
 * A robot simulated by a {@link Plant}, with an actuator model per actuated joint and a sensor model, driven by the
 * controller's clock.
 * <ul>
 *   <li>{@link #read(long, RobotState)} advances the plant from the previous read's time to {@code nowNs} in fixed
 *       inner steps ({@code sim.inner_step_us}), carrying the remainder to the next read; the first read only sets
 *       the time origin. At every inner step the held command becomes an effort (below), the actuator saturates it
 *       and the plant takes one step (its timestep is the inner step). Then positions, velocities and sensor
 *       channels go through the sensor model (noise, quantisation, delay); efforts report what the actuators apply
 *       now (after saturation, not delayed). A clock that goes backwards is an error: ERROR, safe state, state
 *       untouched.</li>
 *   <li>{@link #write(RobotCommand)} only stores the command, held (zero-order hold) until the next write. Per
 *       actuated joint: EFFORT is the desired effort; POSITION is tracked by a PD loop
 *       {@code kp·(target − q) − kd·q̇}, VELOCITY by a P loop {@code kv·(target − q̇)}, both evaluated at every inner
 *       step on the true state (the drive's own loop, not the delayed, noisy measurement); NaN means no command:
 *       zero effort. Passive joints ignore commands.</li>
 *   <li>Activate starts from "no command"; deactivate, shutdown and errors drop the held command and apply zero
 *       effort at once (the safe state, applied by {@link AbstractRobotSystem}).</li>
 * </ul>
 * {@link #plant()} exposes the plant so tests, the trainer and robustness sweeps can change parameters and apply
 * disturbance forces between or during reads. Single-threaded, like the control loop that owns it; read and write
 * allocate nothing.
 */
public final class SimRobotSystem extends AbstractRobotSystem implements PlantBackedSystem {
    private final Plant plant;
    private final int jointCount;
    private final long innerStepNs;
    private final ActuatorModel[] actuators;
    private final double[] kp;
    private final double[] kd;
    private final double[] kv;
    private final int[] channels;
    private final SensorModel sensorModel;
    private final double[] truth;
    private final double[] measured;
    private final CommandMode[] heldModes;
    private final double[] heldValues;
    private final double[] appliedEfforts;
    private boolean clockStarted;
    private long lastReadNs;
    private long pendingNs;

    SimRobotSystem(final RobotSpec spec, final SimConfig config) {
        super(spec, true);
        this.plant = config.plant;
        this.jointCount = spec.jointCount();
        this.innerStepNs = config.innerStepNs;
        this.actuators = config.actuators;
        this.kp = config.kp;
        this.kd = config.kd;
        this.kv = config.kv;
        this.channels = config.channels;
        this.sensorModel = config.sensorModel;
        this.truth = new double[2 * jointCount + channels.length];
        this.measured = new double[truth.length];
        this.heldModes = new CommandMode[jointCount];
        this.heldValues = new double[jointCount];
        this.appliedEfforts = new double[jointCount];
        Arrays.fill(heldModes, CommandMode.EFFORT);
        Arrays.fill(heldValues, Double.NaN);
    }

    @Override
    public Plant plant() {
        return plant;
    }

    /**
     * @return the fixed inner step (ns), {@code sim.inner_step_us}: the plant's timestep.
     */
    public long innerStepNs() {
        return innerStepNs;
    }

    /** Drops the held command and applies zero effort at every actuated joint at once. */
    @Override
    protected void applySafeState() {
        Arrays.fill(heldValues, Double.NaN);
        for (int i = 0; i < jointCount; i++) {
            if (actuators[i] != null) {
                appliedEfforts[i] = 0.0;
                plant.setJointEffort(i, 0.0);
            }
        }
    }

    @Override
    protected ReturnCode onRead(final long nowNs, final RobotState state) {
        final int n = jointCount;
        if (state.positions().length != n || state.sensors().length != channels.length) {
            return ReturnCode.ERROR;
        }
        if (!clockStarted) {
            clockStarted = true;
            lastReadNs = nowNs;
        } else {
            final long elapsedNs = nowNs - lastReadNs;
            if (elapsedNs < 0) {
                return ReturnCode.ERROR;
            }
            lastReadNs = nowNs;
            pendingNs += elapsedNs;
            while (pendingNs >= innerStepNs) {
                applyEfforts();
                plant.advance(1);
                pendingNs -= innerStepNs;
            }
        }
        for (int i = 0; i < n; i++) {
            truth[i] = plant.q(i);
            truth[n + i] = plant.qd(i);
        }
        for (int c = 0; c < channels.length; c++) {
            truth[2 * n + c] = plant.channel(channels[c]);
        }
        sensorModel.measure(truth, measured);
        System.arraycopy(measured, 0, state.positions(), 0, n);
        System.arraycopy(measured, n, state.velocities(), 0, n);
        System.arraycopy(measured, 2 * n, state.sensors(), 0, channels.length);
        System.arraycopy(appliedEfforts, 0, state.efforts(), 0, n);
        state.markFreshSample(nowNs);
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onWrite(final RobotCommand command) {
        final double[] values = command.values();
        if (values.length != jointCount) {
            return ReturnCode.ERROR;
        }
        for (int i = 0; i < jointCount; i++) {
            heldModes[i] = command.mode(i);
            heldValues[i] = values[i];
        }
        return ReturnCode.OK;
    }

    private void applyEfforts() {
        for (int i = 0; i < jointCount; i++) {
            final ActuatorModel actuator = actuators[i];
            if (actuator == null) {
                continue;
            }
            final double target = heldValues[i];
            final double desired;
            if (Double.isNaN(target)) {
                desired = 0.0;
            } else {
                desired = switch (heldModes[i]) {
                    case EFFORT -> target;
                    case POSITION -> kp[i] * (target - plant.q(i)) - kd[i] * plant.qd(i);
                    case VELOCITY -> kv[i] * (target - plant.qd(i));
                };
            }
            final double applied = actuator.apply(desired);
            appliedEfforts[i] = applied;
            plant.setJointEffort(i, applied);
        }
    }
}
