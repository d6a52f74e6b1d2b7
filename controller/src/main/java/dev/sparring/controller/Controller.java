package dev.sparring.controller;

import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Wires a robot description and a policy file into a ready-to-run {@link ControlTick}: builds the backend's
 * {@link RobotSystem}, loads and checks the policy against the robot, resolves the mappings, and brings the robot
 * to ACTIVE. Everything is validated here, before the first tick, with errors that say what to fix.
 */
public final class Controller implements AutoCloseable {
    /** Policy evaluations before the first tick, enough for C2 to compile the executor and the mappings. */
    private static final int WARM_UP_ITERATIONS = 20_000;

    private final RobotSystem robot;
    private final ControlTick tick;
    private final ControlConfig config;
    private final long periodNs;
    private final PolicyModel policy;
    private final long policyId;

    private Controller(final RobotSystem robot, final ControlTick tick, final ControlConfig config,
        final long periodNs, final PolicyModel policy, final long policyId) {
        this.policyId = policyId;
        this.robot = robot;
        this.tick = tick;
        this.config = config;
        this.periodNs = periodNs;
        this.policy = policy;
    }

    /**
     * Builds and activates a controller.
     *
     * @param description    the robot description.
     * @param policyOverride a policy file replacing the description's, or null.
     * @param rateHzOverride a loop rate replacing the description's, or NaN.
     * @return the controller, its robot ACTIVE; its tick reads and seeds from the measured state when the loop
     *         starts ({@link ControlTick#onLoopStart(long)}).
     * @throws IOException     when the policy file cannot be read or is invalid.
     * @throws ConfigException when the description does not fit the robot or the policy.
     */
    public static Controller create(final RobotDescription description, final Path policyOverride,
        final double rateHzOverride) throws IOException {
        final ControlConfig config = ControlConfig.from(description);
        final double rateHz = Double.isNaN(rateHzOverride) ? config.rateHz() : rateHzOverride;
        final long periodNs;
        try {
            periodNs = FixedRateLoopAgent.periodNsOfRateHz(rateHz);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException("rate " + rateHz + " Hz is outside the supported "
                + FixedRateLoopAgent.MIN_RATE_HZ + "–" + FixedRateLoopAgent.MAX_RATE_HZ + " Hz", e);
        }
        final Path policyFile = policyOverride != null ? policyOverride : config.policy();
        if (policyFile == null) {
            throw new ConfigException(description.source() + ": no policy given: set control.policy or pass --policy");
        }
        final PolicyModel policy = PolicyReader.read(policyFile);
        final CRC32C policyChecksum = new CRC32C();
        policyChecksum.update(PolicyWriter.toBytes(policy));
        final ObservationMapping observation = mapping(description, config);
        final ActionMapping action = actionMapping(description, config);
        try {
            policy.requireDimensions(observation.size(), action.size(), description.spec().name());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(policyFile + ": " + e.getMessage());
        }

        final RobotSystem robot = RobotBackends.create(description);
        try {
            require(robot.configure(), "configure", description);
            require(robot.activate(), "activate", description);
            final MlpExecutor executor = new MlpExecutor(policy);
            final EpisodeReward reward = config.reward() == null ? null : new EpisodeReward(
                StateChannel.parse(description.spec(), config.reward().channel()), config.reward().maxAbs());
            final ControlTick tick = new ControlTick(robot, observation, executor, action,
                new SafetySupervisor(description.spec(), config.safety()), reward, periodNs);
            tick.warmUp(WARM_UP_ITERATIONS);
            return new Controller(robot, tick, config, periodNs, policy, policyChecksum.getValue());
        } catch (final RuntimeException e) {
            robot.shutdown();
            throw e;
        }
    }

    private static ObservationMapping mapping(final RobotDescription description, final ControlConfig config) {
        return new ObservationMapping(description.spec(), config.observationChannels(),
            config.actionTargets().size(), config.previousActionInObservation());
    }

    private static ActionMapping actionMapping(final RobotDescription description, final ControlConfig config) {
        try {
            return new ActionMapping(description.spec(), config.actionTargets());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(description.source() + ": control." + e.getMessage());
        }
    }

    private static void require(final ReturnCode result, final String transition,
        final RobotDescription description) {
        if (result != ReturnCode.OK) {
            throw new ConfigException("robot '" + description.spec().name() + "' (backend " + description.backend()
                + ") refused to " + transition + "; check that its hardware is connected and powered");
        }
    }

    /**
     * @return the tick to hand to the loop.
     */
    public ControlTick tick() {
        return tick;
    }

    /**
     * @return the robot.
     */
    public RobotSystem robot() {
        return robot;
    }

    /**
     * @return the loop period (ns).
     */
    public long periodNs() {
        return periodNs;
    }

    /**
     * @return the validated control section.
     */
    public ControlConfig config() {
        return config;
    }

    /**
     * @return the policy's id in experience records: the CRC-32C of the policy's canonical encoding (the bytes
     *         {@link PolicyWriter} gives for it, which are the file's bytes for any file it wrote).
     */
    public long policyId() {
        return policyId;
    }

    /**
     * @return the loaded policy.
     */
    public PolicyModel policy() {
        return policy;
    }

    /**
     * Stops the robot in order once the loop thread has ended: writes the safe command (the tick's command buffer
     * then holds what the robot got last, see {@link ControlTick#command()}) and deactivates the robot, whose
     * backend applies its safe state. Does nothing unless the robot is ACTIVE.
     *
     * @return OK when the safe command was written and the robot deactivated, or the robot was not active; ERROR
     *         when either failed (the backend is then in its safe state from the failure).
     */
    public ReturnCode stopRobot() {
        if (robot.lifecycleState() != LifecycleState.ACTIVE) {
            return ReturnCode.OK;
        }
        tick.supervisor().writeStopCommand(tick.state(), tick.command());
        final ReturnCode written = robot.write(tick.command());
        final ReturnCode deactivated = robot.deactivate();
        return written == ReturnCode.OK && deactivated == ReturnCode.OK ? ReturnCode.OK : ReturnCode.ERROR;
    }

    /**
     * Stops the robot ({@link #stopRobot()}) if still active and shuts it down.
     */
    @Override
    public void close() {
        stopRobot();
        robot.shutdown();
    }
}
