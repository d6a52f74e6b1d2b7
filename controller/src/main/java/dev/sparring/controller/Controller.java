package dev.sparring.controller;

import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.controller.policy.ActionPolicy;
import dev.sparring.controller.policy.GaussianExplorer;
import dev.sparring.controller.policy.GaussianNoise;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.controller.trust.TrustedPolicy;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ResettableSystem;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;

/**
 * Wires a robot description and a policy file into a ready-to-run {@link ControlTick}: builds the backend's
 * {@link RobotSystem}, loads and checks the policy against the robot (sizes, the robot its metadata names, the period
 * it was trained at), resolves the mappings, and brings the robot to ACTIVE. Everything is validated here, before the
 * first tick, with errors that say what to fix; what is allowed but doubtful is collected in {@link #warnings()}.
 * Later policies go through the same checks in {@link #prepare(Path)}, off the control thread.
 */
public final class Controller implements AutoCloseable {
    /** Policy evaluations before the first tick, enough for C2 to compile the executor and the mappings. */
    private static final int WARM_UP_ITERATIONS = 20_000;
    /** Metadata key of the period (s) a policy was trained to act at. */
    public static final String CONTROL_PERIOD_KEY = "control_period_s";
    /** Metadata key of the rate (Hz) a policy was designed for (LQR policies); used when the period is absent. */
    public static final String RATE_KEY = "rate_hz";
    /** Metadata key naming the robot a policy was trained for (a robot name or its description file). */
    public static final String ROBOT_KEY = "robot";
    /** Relative tolerance when checking that the loop rate is a whole multiple of the policy's rate. */
    private static final double RATE_RATIO_TOLERANCE = 1e-6;

    private final RobotDescription description;
    private final RobotSystem robot;
    private final ControlTick tick;
    private final ControlConfig config;
    private final long periodNs;
    private final double rateHz;
    private final boolean allowRobotMismatch;
    private final Exploration exploration;
    private final boolean explorationFromDescription;
    private final GaussianNoise noise;
    private final TrustList trust;
    private final PreparedPolicy first;
    private final int policyPeriodTicks;
    private final List<String> warnings;

    private Controller(final RobotDescription description, final RobotSystem robot, final ControlTick tick,
        final ControlConfig config, final double rateHz, final boolean allowRobotMismatch,
        final Exploration exploration, final boolean explorationFromDescription, final GaussianNoise noise,
        final TrustList trust, final PreparedPolicy first, final int policyPeriodTicks, final List<String> warnings) {
        this.description = description;
        this.robot = robot;
        this.tick = tick;
        this.config = config;
        this.periodNs = FixedRateLoopAgent.periodNsOfRateHz(rateHz);
        this.rateHz = rateHz;
        this.allowRobotMismatch = allowRobotMismatch;
        this.exploration = exploration;
        this.explorationFromDescription = explorationFromDescription;
        this.noise = noise;
        this.trust = trust;
        this.first = first;
        this.policyPeriodTicks = policyPeriodTicks;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Builds and activates a controller; refuses a policy trained for another robot.
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
        return create(description, policyOverride, rateHzOverride, false);
    }

    /**
     * Builds and activates a controller.
     *
     * @param description        the robot description.
     * @param policyOverride     a policy file replacing the description's, or null.
     * @param rateHzOverride     a loop rate replacing the description's, or NaN.
     * @param allowRobotMismatch run a policy whose metadata names another robot (with a warning) instead of refusing.
     * @return the controller, its robot ACTIVE; its tick reads and seeds from the measured state when the loop
     *         starts ({@link ControlTick#onLoopStart(long)}).
     * @throws IOException     when the policy file cannot be read or is invalid.
     * @throws ConfigException when the description does not fit the robot or the policy.
     */
    public static Controller create(final RobotDescription description, final Path policyOverride,
        final double rateHzOverride, final boolean allowRobotMismatch) throws IOException {
        return create(description, policyOverride, rateHzOverride, allowRobotMismatch, null);
    }

    /**
     * Builds and activates a controller that runs the policy deterministically or exploring.
     *
     * @param description         the robot description.
     * @param policyOverride      a policy file replacing the description's, or null.
     * @param rateHzOverride      a loop rate replacing the description's, or NaN.
     * @param allowRobotMismatch  run a policy whose metadata names another robot (with a warning) instead of refusing.
     * @param explorationOverride exploration replacing the description's {@code control.exploration}, or null.
     * @return the controller, its robot ACTIVE; its tick reads and seeds from the measured state when the loop
     *         starts ({@link ControlTick#onLoopStart(long)}).
     * @throws IOException     when the policy file cannot be read or is invalid.
     * @throws ConfigException when the description does not fit the robot or the policy, or exploring is asked of a
     *                         policy without the Gaussian's standard deviation.
     */
    public static Controller create(final RobotDescription description, final Path policyOverride,
        final double rateHzOverride, final boolean allowRobotMismatch, final Exploration explorationOverride)
        throws IOException {
        return create(description, RobotBackends::create, policyOverride, rateHzOverride, allowRobotMismatch,
            explorationOverride);
    }

    /**
     * Builds and activates a controller over a robot system the caller builds (a connection it holds already, such as
     * a test's pseudo-terminal to joint firmware); otherwise as {@link #create(RobotDescription, Path, double,
     * boolean, Exploration)}.
     *
     * @param description         the robot description.
     * @param robots              builds the UNCONFIGURED robot system from the description.
     * @param policyOverride      a policy file replacing the description's, or null.
     * @param rateHzOverride      a loop rate replacing the description's, or NaN.
     * @param allowRobotMismatch  run a policy whose metadata names another robot (with a warning) instead of refusing.
     * @param explorationOverride exploration replacing the description's {@code control.exploration}, or null.
     * @return the controller, its robot ACTIVE.
     * @throws IOException     when the policy file cannot be read or is invalid.
     * @throws ConfigException when the description does not fit the robot or the policy, or the robot refuses to
     *                         configure or activate (saying why when its backend does).
     */
    public static Controller create(final RobotDescription description,
        final Function<RobotDescription, RobotSystem> robots, final Path policyOverride, final double rateHzOverride,
        final boolean allowRobotMismatch, final Exploration explorationOverride) throws IOException {
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
        final Exploration exploration = explorationOverride != null ? explorationOverride : config.exploration();
        final GaussianNoise noise = exploration.sample() ? new GaussianNoise(exploration.seed()) : null;
        final List<String> warnings = new ArrayList<>();
        final TrustList trust = config.trust() == null ? null : TrustList.read(config.trust());
        final TrustedPolicy trusted = read(policyFile, trust);
        final PolicyModel policy = trusted.model();
        final ObservationMapping observation = mapping(description, config);
        final ActionMapping action = actionMapping(description, config);
        check(policy, policyFile, description, observation.size(), action.size(), allowRobotMismatch, exploration,
            explorationOverride == null, warnings);
        final int policyPeriodTicks = policyPeriodTicks(policy, policyFile, rateHz, warnings);

        final RobotSystem robot = robots.apply(description);
        try {
            try {
                robot.useLoopPeriod(periodNs);
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(description.source() + ": the loop rate " + rateHz + " Hz ("
                    + (Double.isNaN(rateHzOverride) ? "control.rate_hz" : "given instead of control.rate_hz")
                    + ") does not fit backend " + description.backend() + ": " + e.getMessage());
            }
            if (config.onEpisodeEnd() == EpisodeEnd.RESET && !(robot instanceof ResettableSystem)) {
                throw new ConfigException(description.source() + ": control.on_episode_end reset puts a simulated "
                    + "robot's plant back in an initial state, which backend " + description.backend() + " cannot "
                    + "do (only sim and mujoco can: a real robot does not teleport); use restart, which waits for the "
                    + "state to come back within bounds");
            }
            require(robot.configure(), "configure", robot, description);
            warnings.addAll(robot.warnings());
            require(robot.activate(), "activate", robot, description);
            final PreparedPolicy first = new PreparedPolicy(policyFile.toString(), policy,
                executor(policy, noise), PolicyWriter.id(policy), trusted.signer());
            final EpisodeReward reward = reward(description, config, periodNs, policyPeriodTicks);
            final ControlTick tick = new ControlTick(robot, observation, first.executor(), action,
                new SafetySupervisor(description.spec(), config.safety()), reward, periodNs, policyPeriodTicks,
                config.onEpisodeEnd(), config.episodeTimeLimitNs());
            tick.runsPolicy(first.id());
            tick.warmUp(WARM_UP_ITERATIONS);
            return new Controller(description, robot, tick, config, rateHz, allowRobotMismatch, exploration,
                explorationOverride == null, noise, trust, first, policyPeriodTicks, warnings);
        } catch (final RuntimeException e) {
            robot.shutdown();
            throw e;
        }
    }

    /**
     * Reads a policy to run next and checks it as {@link #create} checked the first: it must carry a signature by a
     * trusted key when the robot has a trust list ({@code control.trust}), fit the robot's
     * observation and action sizes, name this robot (unless mismatches are allowed), act at the period the running
     * policy acts at, and carry the Gaussian's standard deviation when the controller explores. Call off the control
     * thread; hand the result to the tick with {@link ControlTick#offerPolicy}.
     *
     * @param policyFile the policy file.
     * @return the policy, ready to run.
     * @throws IOException     when the file cannot be read or is not a valid policy (bad checksum, truncated), or
     *                         is refused by the trust list ({@link dev.sparring.controller.trust.PolicyRefusedException}).
     * @throws ConfigException naming the file when it does not fit this controller.
     */
    public PreparedPolicy prepare(final Path policyFile) throws IOException {
        final List<String> doubts = new ArrayList<>();
        final TrustedPolicy trusted = read(policyFile, trust);
        final PolicyModel model = trusted.model();
        check(model, policyFile, description, tick.observationSize(), tick.actionSize(), allowRobotMismatch,
            exploration, explorationFromDescription, doubts);
        final int ticks = policyPeriodTicks(model, policyFile, rateHz, doubts);
        if (ticks != policyPeriodTicks) {
            throw new ConfigException("policy " + policyFile + " acts every " + ticks + " loop ticks, but the running "
                + "policy every " + policyPeriodTicks + "; a policy replaced between episodes must act at the same "
                + "period (its metadata " + CONTROL_PERIOD_KEY + ")");
        }
        return new PreparedPolicy(policyFile.toString(), model, executor(model, noise), PolicyWriter.id(model),
            trusted.signer());
    }

    /** Reads a policy file, through the trust list's signature check when there is one (signer null otherwise). */
    private static TrustedPolicy read(final Path policyFile, final TrustList trust) throws IOException {
        return trust == null ? new TrustedPolicy(PolicyReader.read(policyFile), null) : trust.readPolicy(policyFile);
    }

    private static void check(final PolicyModel policy, final Path policyFile, final RobotDescription description,
        final int observationSize, final int actionSize, final boolean allowRobotMismatch,
        final Exploration exploration, final boolean explorationFromDescription, final List<String> warnings) {
        try {
            policy.requireDimensions(observationSize, actionSize, description.spec().name());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(policyFile + ": " + e.getMessage());
        }
        checkRobot(policy, policyFile, description, allowRobotMismatch, warnings);
        if (exploration.sample() && !policy.hasActionStd()) {
            throw new ConfigException((explorationFromDescription ? description.source()
                + ": control.exploration.mode sample" : "exploring (--explore)") + " samples the policy's Gaussian, "
                + "but policy " + policyFile + " carries no standard deviation (a version 1 policy file); export it "
                + "again with the trainer, or run it deterministically");
        }
    }

    private static ActionPolicy executor(final PolicyModel policy, final GaussianNoise noise) {
        return noise == null ? new MlpExecutor(policy) : new GaussianExplorer(policy, noise);
    }

    /**
     * Refuses (or, when allowed, warns about) a policy whose metadata names another robot. The metadata's
     * {@value #ROBOT_KEY} is a robot name or a description file (the trainer writes {@code robots/<name>.yaml}); it
     * matches when its file name without extension equals the robot's name or its description file's name. A policy
     * without the key, or with {@code none}, is not checked.
     */
    private static void checkRobot(final PolicyModel policy, final Path policyFile,
        final RobotDescription description, final boolean allowRobotMismatch, final List<String> warnings) {
        final String named = policy.metadata().get(ROBOT_KEY);
        if (named == null || named.isBlank() || named.equals("none")) {
            return;
        }
        final String robotName = description.spec().name();
        final String policyRobot = stem(named);
        if (policyRobot.equals(robotName) || policyRobot.equals(stem(description.source()))) {
            return;
        }
        final String mismatch = "policy " + policyFile + " was trained for robot '" + policyRobot + "' (its metadata: "
            + ROBOT_KEY + " = " + named + "), but this is robot '" + robotName + "' (" + description.source() + ")";
        if (!allowRobotMismatch) {
            throw new ConfigException(mismatch + "; use a policy trained for '" + robotName
                + "', or pass --allow-robot-mismatch to run it anyway");
        }
        warnings.add(mismatch + "; running it anyway (--allow-robot-mismatch)");
    }

    private static String stem(final String file) {
        final String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The number of loop ticks per policy evaluation: the policy's trained period ({@value #CONTROL_PERIOD_KEY}, or
     * 1 / {@value #RATE_KEY}) over the loop period, which must be a whole number; 1 with a warning when the policy
     * does not say.
     */
    private static int policyPeriodTicks(final PolicyModel policy, final Path policyFile, final double loopRateHz,
        final List<String> warnings) {
        final String key = policy.metadata().containsKey(CONTROL_PERIOD_KEY) ? CONTROL_PERIOD_KEY
            : policy.metadata().containsKey(RATE_KEY) ? RATE_KEY : null;
        if (key == null) {
            warnings.add(String.format(Locale.ROOT, "policy %s does not say the period it was trained at (no %s in "
                + "its metadata): it is evaluated on every tick, at %s Hz", policyFile, CONTROL_PERIOD_KEY,
                number(loopRateHz)));
            return 1;
        }
        final String text = policy.metadata().get(key);
        final double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (final NumberFormatException e) {
            throw new ConfigException("policy " + policyFile + ": metadata " + key + " must be a number, was '" + text
                + "'");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException("policy " + policyFile + ": metadata " + key + " must be finite and > 0, was "
                + text);
        }
        final double policyRateHz = key.equals(RATE_KEY) ? value : 1.0 / value;
        final double ratio = loopRateHz / policyRateHz;
        final long ticks = Math.round(ratio);
        if (policyRateHz > FixedRateLoopAgent.MAX_RATE_HZ || ticks > Integer.MAX_VALUE) {
            throw new ConfigException(String.format(Locale.ROOT, "policy %s was trained at %s Hz (metadata %s = %s), "
                + "which the loop (%s–%s Hz) cannot run at or divide down to", policyFile, number(policyRateHz), key,
                text, number(FixedRateLoopAgent.MIN_RATE_HZ), number(FixedRateLoopAgent.MAX_RATE_HZ)));
        }
        if (ticks < 1 || Math.abs(ratio - ticks) > RATE_RATIO_TOLERANCE * ratio) {
            throw new ConfigException(String.format(Locale.ROOT, "policy %s was trained at %s Hz (metadata %s = %s), "
                + "but the loop runs at %s Hz, which is not a whole multiple of it; run the loop at a multiple of "
                + "%s Hz (--rate or control.rate_hz), e.g. %s Hz", policyFile, number(policyRateHz), key, text,
                number(loopRateHz), number(policyRateHz), number(nearestMultiple(policyRateHz, loopRateHz))));
        }
        return (int) ticks;
    }

    private static double nearestMultiple(final double policyRateHz, final double loopRateHz) {
        final double lowest = Math.ceil(FixedRateLoopAgent.MIN_RATE_HZ / policyRateHz);
        final double highest = Math.floor(FixedRateLoopAgent.MAX_RATE_HZ / policyRateHz);
        return policyRateHz * Math.min(Math.max(Math.round(loopRateHz / policyRateHz), lowest), highest);
    }

    private static String number(final double value) {
        final String text = String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The on-board reward of {@code control.reward}, or null: its channels resolved, the control cost over the action's
     * joints with their max effort as the unit of control.
     */
    private static EpisodeReward reward(final RobotDescription description, final ControlConfig config,
        final long periodNs, final int policyPeriodTicks) {
        final ControlConfig.EpisodeRewardSpec spec = config.reward();
        if (spec == null) {
            return null;
        }
        final RobotSpec robot = description.spec();
        final StateChannel[] healthy = new StateChannel[spec.healthyChannels().size()];
        for (int i = 0; i < healthy.length; i++) {
            healthy[i] = StateChannel.parse(robot, spec.healthyChannels().get(i));
        }
        final List<ActionTarget> targets = config.actionTargets();
        final int[] joints = new int[spec.terms().ctrlCostWeight() > 0 ? targets.size() : 0];
        final double[] effortMax = new double[joints.length];
        for (int i = 0; i < joints.length; i++) {
            joints[i] = robot.jointIndex(targets.get(i).joint());
            effortMax[i] = robot.joints().get(joints[i]).effortMax();
        }
        return new EpisodeReward(spec.type(), spec.forwardChannel() == null ? null
            : StateChannel.parse(robot, spec.forwardChannel()), spec.terms(), healthy, spec.healthy(), joints,
            effortMax, periodNs * 1e-9, policyPeriodTicks);
    }

    private static ObservationMapping mapping(final RobotDescription description, final ControlConfig config) {
        return new ObservationMapping(description.spec(), config.observationChannels(), config.observationClip(),
            config.actionTargets().size(), config.previousActionInObservation());
    }

    private static ActionMapping actionMapping(final RobotDescription description, final ControlConfig config) {
        try {
            return new ActionMapping(description.spec(), config.actionTargets());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(description.source() + ": control." + e.getMessage());
        }
    }

    private static void require(final ReturnCode result, final String transition, final RobotSystem robot,
        final RobotDescription description) {
        if (result != ReturnCode.OK) {
            final String why = robot.statusMessage();
            throw new ConfigException("robot '" + description.spec().name() + "' (backend " + description.backend()
                + ") refused to " + transition + (why.isEmpty() ? "; check that its hardware is connected and powered"
                : ": " + why));
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
     * @return how the controller chooses actions.
     */
    public Exploration exploration() {
        return exploration;
    }

    /**
     * @return the first policy's id in experience records ({@link PolicyWriter#id}), computed once at load; the
     *         running one is {@link ControlTick#policyId()}.
     */
    public long policyId() {
        return first.id();
    }

    /**
     * @return loop ticks per policy evaluation (the policy's trained period over the loop period; 1 when unknown).
     */
    public int policyPeriodTicks() {
        return policyPeriodTicks;
    }

    /**
     * @return what the user should know about this run although it is allowed (a policy without its trained period,
     *         a robot mismatch run on purpose), one line each.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @return the policy loaded at creation.
     */
    public PolicyModel policy() {
        return first.model();
    }

    /**
     * @return the policy loaded at creation, with its id and, when the robot has a trust list, its signer.
     */
    public PreparedPolicy firstPolicy() {
        return first;
    }

    /**
     * @return the trust list every policy is checked against, or null when the robot has none.
     */
    public TrustList trust() {
        return trust;
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
