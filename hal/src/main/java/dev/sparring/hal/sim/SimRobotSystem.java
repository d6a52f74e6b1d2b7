package dev.sparring.hal.sim;

import dev.sparring.hal.AbstractRobotSystem;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.ResettableSystem;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantBackedSystem;
import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;

/**
 * A robot simulated by a {@link Plant}, with an actuator model per actuated joint and a sensor model, driven by the
 * controller's clock.
 * <ul>
 *   <li>{@link #read(long, RobotState)} advances the plant from the previous read's time to {@code nowNs} in fixed
 *       inner steps ({@code sim.inner_step_us}), carrying the remainder to the next read; the first read only sets
 *       the time origin. At every inner step the held command becomes an effort (below), the actuator saturates it
 *       and the plant takes one step (its timestep is the inner step). A system built {@link #overPlant over
 *       another backend's plant} advances instead by whole loop periods once told the loop's period
 *       ({@link #useLoopPeriod}): a read at {@code nowNs} brings the plant to the start of the period {@code nowNs}
 *       falls in, counted from the first read, so a late tick changes nothing and a skipped one is made up. Then
 *       positions, velocities and sensor channels go through the sensor model (noise, quantisation, delay); efforts
 *       report what the actuators apply now (after saturation, not delayed). A clock that goes backwards, or a plant
 *       whose simulation failed ({@link Plant#simulationFailed()}, e.g. MuJoCo found it unstable), is an error:
 *       ERROR, safe state, state untouched; a failed simulation stays failed.</li>
 *   <li>{@link #write(RobotCommand)} only stores the command, held (zero-order hold) until the next write. Per
 *       actuated joint: EFFORT is the desired effort; POSITION is tracked by a PD loop
 *       {@code kp·(target − q) − kd·q̇}, VELOCITY by a P loop {@code kv·(target − q̇)}, both evaluated at every inner
 *       step on the true state (the drive's own loop, not the delayed, noisy measurement); NaN means no command:
 *       zero effort. Passive joints ignore commands.</li>
 *   <li>Activate starts from "no command"; deactivate, shutdown and errors drop the held command and apply zero
 *       effort at once (the safe state, applied by {@link AbstractRobotSystem}).</li>
 *   <li>{@link #resetForNextEpisode()} (a simulation's privilege, {@link ResettableSystem}): the next read puts the
 *       plant in the next episode's initial state instead of advancing it (the time since the previous read passes
 *       for the clock, not for the physics), drops the held command, and measures that state. Episode {@code k}
 *       (the state the plant is built in being episode 0's) starts at {@code initial_state} plus
 *       {@code reset_noise} drawn from {@link SplitMix64#derive derive(seed, k)}, as the trainer's evaluator draws
 *       its episode {@code k} ({@code docs/robots.md}).</li>
 * </ul>
 * {@link #plant()} exposes the plant so tests, the trainer and robustness sweeps can change parameters and apply
 * disturbance forces between or during reads. The system owns its plant and closes it on {@link #shutdown()}
 * (freeing a MuJoCo plant's native memory). Single-threaded, like the control loop that owns it; read and write
 * allocate nothing.
 */
public final class SimRobotSystem extends AbstractRobotSystem implements PlantBackedSystem, ResettableSystem {
    private final Plant plant;
    private final int jointCount;
    private final long innerStepNs;
    private final boolean stepsByLoopPeriod;
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
    private final SimConfig config;
    private final SplitMix64 resetGenerator = new SplitMix64(0L);
    private final double[] resetPositions;
    private final double[] resetVelocities;
    private long episode;
    private boolean resetRequested;
    private boolean clockStarted;
    private long originNs;
    private long lastReadNs;
    private long pendingNs;
    private long loopPeriodNs;
    private long stepsPerPeriod;
    private long periodsDone;

    SimRobotSystem(final RobotSpec spec, final SimConfig config) {
        super(spec, true);
        this.plant = config.plant;
        this.jointCount = spec.jointCount();
        this.innerStepNs = config.innerStepNs;
        this.stepsByLoopPeriod = config.stepsByLoopPeriod;
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
        this.config = config;
        this.resetPositions = new double[jointCount];
        this.resetVelocities = new double[jointCount];
        Arrays.fill(heldModes, CommandMode.EFFORT);
        Arrays.fill(heldValues, Double.NaN);
    }

    /**
     * Builds a system over a plant another backend made (the {@code mujoco} backend's MuJoCo model), reading the rest
     * of that backend's section as the {@code sim} backend reads its own ({@code seed}, {@code initial_state},
     * {@code parameters}, {@code actuators}, {@code sensors}, {@code pd_gains}; {@code docs/robots.md}), with the same
     * checks against the description's joints and sensors. The plant's own timestep is the inner step; reads advance
     * by whole loop periods once {@link #useLoopPeriod} is called, by the clock before.
     *
     * @param description the robot description.
     * @param sectionName the backend's section.
     * @param plant       the plant, built from the section's {@code ownKeys}; owned by the system from now on.
     * @param ownKeys     the fields of the section the calling backend reads itself.
     * @return an UNCONFIGURED system.
     * @throws dev.sparring.hal.config.ConfigException naming the field when the section or the joints do not fit.
     */
    public static SimRobotSystem overPlant(final RobotDescription description, final String sectionName,
        final Plant plant, final String... ownKeys) {
        return new SimRobotSystem(description.spec(), SimConfig.overPlant(description, sectionName, plant, ownKeys));
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

    /**
     * For a system built {@link #overPlant over another backend's plant}: from the first read on, each read advances
     * the plant by {@code periodNs} / timestep whole steps per loop period passed; ignored by the {@code sim}
     * backend's systems, which follow the clock.
     *
     * @param periodNs the loop period (ns).
     * @throws IllegalArgumentException naming both when the period is not a whole number of the plant's timesteps.
     */
    @Override
    public void useLoopPeriod(final long periodNs) {
        if (!stepsByLoopPeriod) {
            return;
        }
        if (periodNs <= 0 || periodNs % innerStepNs != 0) {
            throw new IllegalArgumentException("the loop period " + periodNs / 1e6 + " ms is not a whole number of "
                + "the physics timestep of '" + plant.kind() + "', " + innerStepNs / 1e6 + " ms: run at "
                + 1e9 / innerStepNs + " Hz or that divided by a whole number");
        }
        loopPeriodNs = periodNs;
        stepsPerPeriod = periodNs / innerStepNs;
    }

    @Override
    public void resetForNextEpisode() {
        resetRequested = true;
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
            originNs = nowNs;
            lastReadNs = nowNs;
        } else if (resetRequested) {
            if (nowNs - lastReadNs < 0) {
                return ReturnCode.ERROR;
            }
            resetRequested = false;
            lastReadNs = nowNs;
            periodsDone = loopPeriodNs > 0 ? (nowNs - originNs) / loopPeriodNs : 0;
            pendingNs = 0;
            episode++;
            config.drawEpisodeStart(episode, resetGenerator, resetPositions, resetVelocities);
            plant.reset(resetPositions, resetVelocities);
            applySafeState();
        } else {
            final long elapsedNs = nowNs - lastReadNs;
            if (elapsedNs < 0) {
                return ReturnCode.ERROR;
            }
            lastReadNs = nowNs;
            if (loopPeriodNs > 0) {
                final long periods = (nowNs - originNs) / loopPeriodNs;
                step((periods - periodsDone) * stepsPerPeriod);
                periodsDone = periods;
            } else {
                pendingNs += elapsedNs;
                final long steps = pendingNs / innerStepNs;
                pendingNs -= steps * innerStepNs;
                step(steps);
            }
        }
        if (plant.simulationFailed()) {
            return ReturnCode.ERROR;
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

    @Override
    protected ReturnCode onShutdown() {
        plant.close();
        return ReturnCode.OK;
    }

    private void step(final long steps) {
        for (long s = 0; s < steps && !plant.simulationFailed(); s++) {
            applyEfforts();
            plant.advance(1);
        }
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
