package dev.sparring.controller.cli;

import dev.sparring.controller.Controller;
import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.loop.DeadlineIdleStrategy;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.loop.ControlLoop;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeReport;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.CachedNanoClock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring run}: runs a policy on any robot description's backend for a duration and prints the summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a policy in the fixed-rate loop on a robot and print a summary.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--robot", required = true, description = "Robot description file (YAML).")
    private Path robot;

    @Option(names = "--policy", description = "Policy file; default: the description's control.policy.")
    private Path policy;

    @Option(names = "--rate", description = "Loop rate in Hz (10–10000); default: the description's control.rate_hz.")
    private Double rateHz;

    @Option(names = "--duration", defaultValue = "10", description = "Run time in seconds (default ${DEFAULT-VALUE}).")
    private double durationS;

    @Option(names = "--episodes", description = "Stop once this many episodes have completed (terminal state or time "
        + "limit), or at --duration, whichever comes first; default: run for the duration.")
    private Long episodes;

    @Option(names = "--simulated-time", description = "On a simulated robot (sim, mujoco): advance the loop's clock by "
        + "one period per tick as fast as the computer runs, instead of in real time (deterministic, no overruns).")
    private boolean simulatedTime;

    @Option(names = "--allow-robot-mismatch",
        description = "Run a policy whose metadata names another robot (with a warning) instead of refusing it.")
    private boolean allowRobotMismatch;

    @Mixin
    private RealtimeOptions realtime;

    @Mixin
    private LogOptions log;

    @Override
    public Integer call() throws Exception {
        OptionChecks.duration(spec, "--duration", durationS);
        if (rateHz != null) {
            OptionChecks.inRange(spec, "--rate", rateHz, FixedRateLoopAgent.MIN_RATE_HZ,
                FixedRateLoopAgent.MAX_RATE_HZ);
        }
        if (episodes != null && episodes < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--episodes must be >= 1, was "
                + episodes);
        }
        final RealtimeSetup realtimeSetup = realtime.setup(spec);
        final RobotDescription description = RobotDescription.load(robot);
        final PrintWriter out = spec.commandLine().getOut();
        final ExperienceLogConfig logConfig;
        try {
            logConfig = log.config();
        } catch (final IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            run(description, policy, rateHz == null ? Double.NaN : rateHz, allowRobotMismatch, durationS,
                episodes == null ? Long.MAX_VALUE : episodes, simulatedTime, realtimeSetup, logConfig, out);
        } catch (final ExperienceLogException e) {
            throw new IOException(e.getMessage(), e);
        }
        return 0;
    }

    /**
     * Runs a controller for a duration and prints its summary; shared with the demos. SIGINT (Ctrl-C) and SIGTERM
     * end the run in order ({@link StopSignal}): the loop finishes its tick and stops, the safe command is written
     * and the robot deactivated, the episode is closed as truncated and the log drained and synced, the summary is
     * printed, and the JVM then exits with 130 or 143.
     *
     * @param description   the robot.
     * @param policy        a policy file replacing the description's, or null.
     * @param rateHz        a loop rate replacing the description's, or NaN.
     * @param allowRobotMismatch run a policy trained for another robot, with a warning, instead of refusing it.
     * @param durationS     how long to run.
     * @param realtimeSetup the loop thread's real-time requests.
     * @param logConfig     the experience log's settings, or null for no log.
     * @param out           where the summary goes.
     * @throws Exception when the robot, policy or loop fails.
     */
    public static void run(final RobotDescription description, final Path policy, final double rateHz,
        final boolean allowRobotMismatch, final double durationS, final RealtimeSetup realtimeSetup,
        final ExperienceLogConfig logConfig, final PrintWriter out) throws Exception {
        run(description, policy, rateHz, allowRobotMismatch, durationS, Long.MAX_VALUE, false, realtimeSetup, logConfig,
            out);
    }

    /**
     * Runs a controller for a duration or until a number of episodes have completed, and prints its summary
     * ({@link #run(RobotDescription, Path, double, boolean, double, RealtimeSetup, ExperienceLogConfig, PrintWriter)}).
     *
     * @param description   the robot.
     * @param policy        a policy file replacing the description's, or null.
     * @param rateHz        a loop rate replacing the description's, or NaN.
     * @param allowRobotMismatch run a policy trained for another robot, with a warning, instead of refusing it.
     * @param durationS     the longest the run lasts.
     * @param episodes      the run stops once this many episodes have completed ({@code Long.MAX_VALUE}: never).
     * @param simulatedTime advance a simulated robot's clock one period per tick, without waiting (no real-time
     *                      set-up); refused for hardware.
     * @param realtimeSetup the loop thread's real-time requests.
     * @param logConfig     the experience log's settings, or null for no log.
     * @param out           where the summary goes.
     * @throws Exception when the robot, policy or loop fails.
     */
    public static void run(final RobotDescription description, final Path policy, final double rateHz,
        final boolean allowRobotMismatch, final double durationS, final long episodes, final boolean simulatedTime,
        final RealtimeSetup realtimeSetup, final ExperienceLogConfig logConfig, final PrintWriter out)
        throws Exception {
        try (StopSignal stop = new StopSignal();
            Controller controller = Controller.create(description, policy, rateHz, allowRobotMismatch);
            ExperienceLog log = logConfig == null ? null : openLog(logConfig, description, controller)) {
            for (final String warning : controller.warnings()) {
                out.println("warning: " + warning);
            }
            if (simulatedTime && !controller.robot().isSimulated()) {
                throw new ConfigException("--simulated-time runs a simulated robot's clock faster than real time; "
                    + "robot '" + description.spec().name() + "' (backend " + description.backend() + ") is hardware");
            }
            final EpisodeLimitedTick handler = new EpisodeLimitedTick(controller.tick(), episodes);
            final ControlLoop loop = new ControlLoop(controller.periodNs(), handler, realtimeSetup,
                DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, message -> out.println("warning: " + message));
            final String running = String.format("running %s (backend %s) with policy %s at %.0f Hz%s for %.1f s%s",
                description.spec().name(), description.backend(), controller.policy().describe(),
                1e9 / controller.periodNs(), controller.policyPeriodTicks() == 1 ? ""
                    : String.format(" (the policy every %d ticks, at %s Hz)", controller.policyPeriodTicks(),
                        new BigDecimal(1e9 / controller.periodNs() / controller.policyPeriodTicks())
                            .round(new MathContext(6)).stripTrailingZeros().toPlainString()),
                durationS, log == null ? "" : ", logging to " + logConfig.directory());
            final long durationNs = Math.round(durationS * 1e9);
            final LoopSummary summary;
            if (simulatedTime) {
                out.println(running + ", on simulated time");
                out.flush();
                summary = runOnSimulatedTime(controller.periodNs(), handler, durationNs);
            } else {
                handler.stopWith(loop::stop);
                stop.onRequest(loop::stop);
                summary = loop.run(durationNs, () -> {
                    out.println(running);
                    out.flush();
                });
            }
            final ReturnCode stopped = controller.stopRobot();
            controller.tick().finishEpisode(System.nanoTime());
            if (controller.tick().completedEpisodes() >= episodes) {
                out.printf("stopped          after %d completed episodes (--episodes)%n", episodes);
            }
            if (stop.requested()) {
                out.println("stopped          by a signal (SIGINT or SIGTERM) before the duration had passed");
            }
            out.print(RunSummaryFormat.format(summary, controller.tick()));
            out.print(RunSummaryFormat.finalCommand(description.spec(), controller.tick().command(), stopped));
            if (log != null) {
                log.finish();
                out.printf("experience log   %d records written to %s, %d dropped%s%n", log.recordsWritten(),
                    logConfig.directory(), log.recordsDropped(),
                    log.firstError() == null ? "" : "; first error: " + causes(log.firstError()));
            }
            out.flush();
        }
    }

    /**
     * Runs the loop agent on this thread with a clock that each tick advances by exactly one period: no waiting, no
     * lateness, the same ticks as a real-time run without overruns.
     */
    private static LoopSummary runOnSimulatedTime(final long periodNs, final EpisodeLimitedTick handler,
        final long durationNs) {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(System.nanoTime());
        final boolean[] stopped = {false};
        handler.stopWith(() -> stopped[0] = true);
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, periodNs, handler, FixedRateLoopAgent.NO_LIMIT,
            durationNs);
        try {
            while (!stopped[0]) {
                agent.doWork();
                clock.advance(periodNs);
            }
        } catch (final AgentTerminationException end) {
            // the duration has passed
        }
        return LoopSummary.of(agent, 0, new RealtimeReport(List.of()));
    }

    /**
     * @return the messages of a failure and its causes, one after the other, without class names or stack traces.
     */
    static String causes(final Throwable failure) {
        final StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static ExperienceLog openLog(final ExperienceLogConfig config, final RobotDescription description,
        final Controller controller) {
        final ExperienceLog log = new ExperienceLog(config, robotId(description.spec().name()),
            controller.policyId(), 1, controller.policy().observationSize(), controller.policy().actionSize(), 0);
        controller.tick().recordTo(log.recorder(), System.currentTimeMillis());
        return log;
    }

    /**
     * @param robotName the robot's name.
     * @return its id in experience records: the 64-bit FNV-1a hash of the name's UTF-8 bytes.
     */
    static long robotId(final String robotName) {
        long hash = 0xcbf29ce484222325L;
        for (final byte b : robotName.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
