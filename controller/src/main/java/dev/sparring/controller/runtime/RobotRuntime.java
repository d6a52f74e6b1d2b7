package dev.sparring.controller.runtime;

import dev.sparring.controller.ControlTick;
import dev.sparring.controller.Controller;
import dev.sparring.controller.Exploration;
import dev.sparring.controller.PreparedPolicy;
import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.loop.ControlLoop;
import dev.sparring.controller.loop.DeadlineIdleStrategy;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeReport;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Consumer;

import org.agrona.concurrent.CachedNanoClock;

/**
 * One robot at work: its backend, {@link Controller} and, optionally, its {@link ExperienceLog}, built from a
 * {@link Context}. It runs either on real time, in the fixed-rate {@link ControlLoop} on its own thread
 * ({@link #runRealTime}), or on simulated time, stepped by the caller's thread with a clock that advances exactly
 * one period per tick and never waits ({@link #startSimulatedTime}, {@link #step}, {@link #runEpisodes}). Nothing is
 * static: a fleet builds N runtimes in one JVM, each with its own simulated robot, policy, robot id and log
 * directory, and steps them in turn from one thread.
 * <p>
 * Policies are replaced between episodes: {@link #requestPolicy(Path)} reads and checks the file on the caller's
 * thread, and the tick takes the prepared policy up when its next episode begins, never within one; the log's records
 * carry its id from that episode's first record on. Between steps, {@code log().awaitDrained(timeoutNs)} waits until
 * every record so far is in the queue, for a reader of the log (a learner). {@link #close()} (and every failure while
 * building) leaves the robot in its safe state and the log drained and closed.
 * <p>
 * A fleet, for instance:
 * <pre>{@code
 * RobotRuntime robot = RobotRuntime.create(new RobotRuntime.Context().description(simDescription)
 *     .log(ExperienceLogConfig.defaults(logDirectory)).loggerOnOwnThread(false).robotId(7).firstEpisodeId(0)
 *     .exploration(Exploration.sampling(seed)));
 * robot.startSimulatedTime(0L);
 * robot.runEpisodes(1, maxTicks);           // or step(ticks), interleaved with the other robots
 * robot.log().awaitDrained(timeoutNs);      // the episode is in the queue, for the learner to read
 * robot.requestPolicy(newPolicyFile);       // runs from the next episode on
 * long running = robot.policyId();
 * }</pre>
 */
public final class RobotRuntime implements AutoCloseable {
    private final RobotDescription description;
    private final Controller controller;
    private final ExperienceLog log;
    private final ExperienceLogConfig logConfig;
    private final long robotId;
    private final Consumer<String> refusals;
    private volatile ControlLoop loop;
    private volatile boolean stopRequested;
    private CachedNanoClock simulatedClock;
    private FixedRateLoopAgent simulatedAgent;
    private boolean stopped;
    private ReturnCode stopResult = ReturnCode.OK;

    /**
     * What a runtime is built from; fluent setters, checked by {@link RobotRuntime#create}.
     */
    public static final class Context {
        private RobotDescription description;
        private Path policy;
        private double rateHz = Double.NaN;
        private boolean allowRobotMismatch;
        private Exploration exploration;
        private ExperienceLogConfig log;
        private boolean loggerOnOwnThread = true;
        private Long robotId;
        private Long firstEpisodeId;
        private Function<RobotDescription, RobotSystem> robots = RobotBackends::create;
        private Consumer<String> refusals = message -> System.err.println("warning: " + message);

        /**
         * @param value receives one line for every policy {@link RobotRuntime#requestPolicy} refuses (unsigned,
         *              tampered, signed by an unknown key, damaged or not fitting the robot), naming the file, the
         *              reason and the policy that keeps running; by default a warning on standard error.
         * @return this.
         */
        public Context policyRefusals(final Consumer<String> value) {
            this.refusals = Objects.requireNonNull(value, "policyRefusals");
            return this;
        }

        /**
         * @param value the robot description (required).
         * @return this.
         */
        public Context description(final RobotDescription value) {
            this.description = value;
            return this;
        }

        /**
         * @param value builds the UNCONFIGURED robot system from the description; by default its backend's plug-in
         *              ({@link RobotBackends#create}). A caller that holds the hardware's connection already (a test's
         *              pseudo-terminal) builds the system itself.
         * @return this.
         */
        public Context robot(final Function<RobotDescription, RobotSystem> value) {
            this.robots = Objects.requireNonNull(value, "robot");
            return this;
        }

        /**
         * @param value a policy file replacing the description's {@code control.policy}, or null (the default).
         * @return this.
         */
        public Context policy(final Path value) {
            this.policy = value;
            return this;
        }

        /**
         * @param value a loop rate (Hz) replacing the description's {@code control.rate_hz}, or NaN (the default).
         * @return this.
         */
        public Context rateHz(final double value) {
            this.rateHz = value;
            return this;
        }

        /**
         * @param value run a policy trained for another robot, with a warning, instead of refusing it.
         * @return this.
         */
        public Context allowRobotMismatch(final boolean value) {
            this.allowRobotMismatch = value;
            return this;
        }

        /**
         * @param value exploration replacing the description's {@code control.exploration}, or null (the default).
         * @return this.
         */
        public Context exploration(final Exploration value) {
            this.exploration = value;
            return this;
        }

        /**
         * @param value the experience log's settings (its directory is this robot's own), or null for no log (the
         *              default).
         * @return this.
         */
        public Context log(final ExperienceLogConfig value) {
            this.log = value;
            return this;
        }

        /**
         * @param value whether the log's writer runs on its own thread (the default); false: it runs only when the
         *              caller drains the log ({@link ExperienceLog#awaitDrained}), on the caller's thread, as a
         *              simulated fleet stepping all its robots from one thread wants it.
         * @return this.
         */
        public Context loggerOnOwnThread(final boolean value) {
            this.loggerOnOwnThread = value;
            return this;
        }

        /**
         * @param value the robot id in the log's records; default {@link #robotIdOf} the description's name.
         * @return this.
         */
        public Context robotId(final long value) {
            this.robotId = value;
            return this;
        }

        /**
         * @param value the id of the first episode logged, later ones counting up; default the wall-clock time in
         *              ms when the log opens.
         * @return this.
         */
        public Context firstEpisodeId(final long value) {
            this.firstEpisodeId = value;
            return this;
        }
    }

    private RobotRuntime(final RobotDescription description, final Controller controller, final ExperienceLog log,
        final ExperienceLogConfig logConfig, final long robotId, final Consumer<String> refusals) {
        this.description = description;
        this.refusals = refusals;
        this.controller = controller;
        this.log = log;
        this.logConfig = logConfig;
        this.robotId = robotId;
    }

    /**
     * Builds the robot and controller (robot ACTIVE), and opens the log when one is configured.
     *
     * @param context the settings.
     * @return the runtime; close it.
     * @throws IOException     when the policy file cannot be read or is invalid.
     * @throws ConfigException when the description does not fit the robot or the policy.
     */
    public static RobotRuntime create(final Context context) throws IOException {
        final RobotDescription description = Objects.requireNonNull(context.description,
            "a robot runtime needs a robot description");
        final long robotId = context.robotId != null ? context.robotId : robotIdOf(description.spec().name());
        final Controller controller = Controller.create(description, context.robots, context.policy, context.rateHz,
            context.allowRobotMismatch, context.exploration);
        ExperienceLog log = null;
        try {
            if (context.log != null) {
                log = new ExperienceLog(context.log, robotId, controller.policyId(), 1,
                    controller.policy().observationSize(), controller.policy().actionSize(), 0,
                    context.loggerOnOwnThread);
                controller.tick().recordTo(log.recorder(), context.firstEpisodeId != null ? context.firstEpisodeId
                    : System.currentTimeMillis());
            }
            return new RobotRuntime(description, controller, log, context.log, robotId, context.refusals);
        } catch (final RuntimeException e) {
            controller.close();
            throw e;
        }
    }

    /**
     * @param robotName the robot's name.
     * @return its default id in experience records: the 64-bit FNV-1a hash of the name's UTF-8 bytes.
     */
    public static long robotIdOf(final String robotName) {
        long hash = 0xcbf29ce484222325L;
        for (final byte b : robotName.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Runs the loop on its own thread, on real time, until the duration has passed, {@code episodes} episodes have
     * completed, or {@link #requestStop()}; then returns (the robot still active: {@link #stop()} follows).
     *
     * @param durationNs    the longest the run lasts, or {@link ControlLoop#RUN_UNTIL_STOPPED}.
     * @param episodes      stop once this many episodes have completed ({@code Long.MAX_VALUE}: never).
     * @param realtimeSetup the loop thread's real-time requests.
     * @param warningSink   receives the loop's warnings (overruns), on the supervising thread.
     * @param onStarted     runs on the calling thread once the loop has started.
     * @return the loop's summary.
     * @throws InterruptedException if the calling thread is interrupted; the loop is stopped first.
     */
    public LoopSummary runRealTime(final long durationNs, final long episodes, final RealtimeSetup realtimeSetup,
        final Consumer<String> warningSink, final Runnable onStarted) throws InterruptedException {
        final EpisodeLimitedTick handler = new EpisodeLimitedTick(controller.tick(), episodes);
        final ControlLoop realTimeLoop = new ControlLoop(controller.periodNs(), handler, realtimeSetup,
            DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warningSink);
        handler.stopWith(realTimeLoop::stop);
        loop = realTimeLoop;
        if (stopRequested) {
            realTimeLoop.stop();
        }
        return realTimeLoop.run(durationNs, onStarted);
    }

    /**
     * Ends a real-time run in progress after its current tick, or the next one as soon as it starts; safe from any
     * thread (a signal handler). Idempotent.
     */
    public void requestStop() {
        stopRequested = true;
        final ControlLoop running = loop;
        if (running != null) {
            running.stop();
        }
    }

    /**
     * Prepares stepping on simulated time: the clock starts at {@code startNs} and each tick advances it by exactly
     * one period, so a run is deterministic and has no overruns. Only for simulated robots.
     *
     * @param startNs the clock's time at the first tick ({@code t0}, when the first episode begins).
     * @throws IllegalStateException when the robot is hardware, or stepping has already started.
     */
    public void startSimulatedTime(final long startNs) {
        if (!controller.robot().isSimulated()) {
            throw new IllegalStateException("robot '" + description.spec().name() + "' (backend "
                + description.backend() + ") is hardware: it runs only on real time");
        }
        if (simulatedAgent != null) {
            throw new IllegalStateException("simulated time has already started");
        }
        simulatedClock = new CachedNanoClock();
        simulatedClock.update(startNs);
        simulatedAgent = new FixedRateLoopAgent(simulatedClock, controller.periodNs(), controller.tick());
    }

    /**
     * Runs ticks on simulated time, on the calling thread, without waiting.
     *
     * @param ticks how many.
     * @return {@code ticks}.
     */
    public long step(final long ticks) {
        requireSimulatedTime();
        for (long i = 0; i < ticks; i++) {
            stepOnce();
        }
        return ticks;
    }

    /**
     * Runs ticks on simulated time until {@code episodes} more episodes have completed (a terminal state or the time
     * limit) or {@code maxTicks} ticks have run, whichever comes first; returns in the tick the last episode ends.
     *
     * @param episodes how many episodes to complete, &gt;= 1.
     * @param maxTicks the most ticks to run.
     * @return the ticks run.
     */
    public long runEpisodes(final long episodes, final long maxTicks) {
        requireSimulatedTime();
        final ControlTick tick = controller.tick();
        final long target = tick.completedEpisodes() + episodes;
        long ran = 0;
        while (ran < maxTicks && tick.completedEpisodes() < target) {
            stepOnce();
            ran++;
        }
        return ran;
    }

    private void stepOnce() {
        simulatedAgent.doWork();
        simulatedClock.advance(controller.periodNs());
    }

    private void requireSimulatedTime() {
        if (simulatedAgent == null) {
            throw new IllegalStateException("call startSimulatedTime before stepping");
        }
    }

    /**
     * @return the simulated clock's time now (ns): the start of the next tick.
     */
    public long simulatedNowNs() {
        requireSimulatedTime();
        return simulatedClock.nanoTime();
    }

    /**
     * The loop agent running this robot, for a thread that samples its counters while it runs (a dashboard): the
     * simulated-time agent once {@link #startSimulatedTime} has run (read it on that thread, or hand it over), else
     * the real-time loop's once {@link #runRealTime} has created it.
     *
     * @return the agent, or null before either.
     */
    public FixedRateLoopAgent loopAgent() {
        if (simulatedAgent != null) {
            return simulatedAgent;
        }
        final ControlLoop running = loop;
        return running == null ? null : running.loopAgent();
    }

    /**
     * @return the summary of the ticks run on simulated time so far.
     */
    public LoopSummary simulatedSummary() {
        requireSimulatedTime();
        return LoopSummary.of(simulatedAgent, 0, new RealtimeReport(List.of()));
    }

    /**
     * Reads and checks a policy file on the calling thread ({@link Controller#prepare}) and hands it to the tick,
     * which runs it from the next episode on. An incompatible or damaged file, or one the robot's trust list refuses
     * (unsigned, tampered, signed by an unknown key), is refused: the reason goes to {@link Context#policyRefusals}
     * and is thrown, and the running policy keeps running. A request made before the previous one was taken up
     * replaces it.
     *
     * @param policyFile the new policy (written atomically, e.g. by {@code PolicyWriter.write}), and with a trust
     *                   list its signature file beside it; both written before the request.
     * @return the prepared policy; its {@link PreparedPolicy#id()} is what the records will carry.
     * @throws IOException     when the file cannot be read or is not a valid policy, or the trust list refuses it
     *                         ({@link dev.sparring.controller.trust.PolicyRefusedException}).
     * @throws ConfigException when it does not fit this robot or run.
     */
    public PreparedPolicy requestPolicy(final Path policyFile) throws IOException {
        final PreparedPolicy next;
        try {
            next = controller.prepare(policyFile);
        } catch (final IOException | ConfigException e) {
            refusals.accept("policy " + policyFile + " refused, still running policy "
                + HexFormat.of().toHexDigits(policyId()) + ": " + e.getMessage());
            throw e;
        }
        controller.tick().offerPolicy(next);
        return next;
    }

    /**
     * @return the id of the policy running (between episodes: the one that ran last); from any thread.
     */
    public long policyId() {
        return controller.tick().policyId();
    }

    /**
     * @return whether a requested policy still waits for the next episode.
     */
    public boolean policyPending() {
        return controller.tick().policyPending();
    }

    /**
     * Stops the robot once the loop has ended: the safe command written and the robot deactivated, the episode in
     * progress closed as truncated (its EPISODE_END logged). Idempotent.
     *
     * @return OK, or ERROR when the safe command or the deactivation failed (the backend then is in its safe state).
     */
    public ReturnCode stop() {
        if (!stopped) {
            stopped = true;
            stopResult = controller.stopRobot();
            controller.tick().finishEpisode(simulatedClock != null ? simulatedClock.nanoTime() : System.nanoTime());
        }
        return stopResult;
    }

    /**
     * Stops the robot ({@link #stop()}), drains and closes the log, and shuts the robot down. Idempotent.
     */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                if (log != null) {
                    log.finish();
                }
            } finally {
                controller.close();
            }
        }
    }

    /**
     * @return the controller (its tick, robot, policy and warnings).
     */
    public Controller controller() {
        return controller;
    }

    /**
     * @return the experience log, or null when there is none.
     */
    public ExperienceLog log() {
        return log;
    }

    /**
     * @return the log's settings, or null when there is no log.
     */
    public ExperienceLogConfig logConfig() {
        return logConfig;
    }

    /**
     * @return the robot id the log's records carry.
     */
    public long robotId() {
        return robotId;
    }

    /**
     * @return the robot description.
     */
    public RobotDescription description() {
        return description;
    }
}
