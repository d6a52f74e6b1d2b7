package dev.sparring.controller.cli;

import dev.sparring.controller.ControlConfig;
import dev.sparring.controller.Controller;
import dev.sparring.controller.Exploration;
import dev.sparring.controller.dashboard.DashboardServer;
import dev.sparring.controller.dashboard.LoopSampler;
import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.controller.shipping.ShippingSummary;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

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

    @Option(names = "--robot", paramLabel = "<robot.yaml>",
        required = true, description = "Robot description file (YAML).")
    private Path robot;

    @Option(names = "--policy", paramLabel = "<file.policy>",
        description = "Policy file; default: the description's control.policy.")
    private Path policy;

    @Option(names = "--port", paramLabel = "<device>", description = "The serial device of a bridge robot's joint "
        + "firmware, replacing the description's bridge.port (e.g. the pseudo-terminal './sparring bridge sim' "
        + "printed).")
    private String port;

    @Option(names = "--rate", paramLabel = "<Hz>",
        description = "Loop rate in Hz (10–10000); default: the description's control.rate_hz.")
    private Double rateHz;

    @Option(names = "--duration", paramLabel = "<seconds>",
        defaultValue = "10", description = "Run time in seconds (default ${DEFAULT-VALUE}).")
    private double durationS;

    @Option(names = "--episodes", paramLabel = "<count>",
        description = "Stop once this many episodes have completed (terminal state or time "
        + "limit), or at --duration, whichever comes first; default: run for the duration.")
    private Long episodes;

    @Option(names = "--simulated-time", description = "On a simulated robot (sim, mujoco): advance the loop's clock by "
        + "one period per tick as fast as the computer runs, instead of in real time (deterministic, no overruns).")
    private boolean simulatedTime;

    @Option(names = "--allow-robot-mismatch",
        description = "Run a policy whose metadata names another robot (with a warning) instead of refusing it.")
    private boolean allowRobotMismatch;

    @Option(names = "--explore", description = "Sample the policy's Gaussian instead of acting on its mean, and log "
        + "each sample's log-probability (needs a policy file with its standard deviation); default: the "
        + "description's control.exploration, else deterministic.")
    private boolean explore;

    @Option(names = "--explore-seed", paramLabel = "<seed>",
        description = "Seed of --explore's noise (default: control.exploration.seed, "
        + "else 0).")
    private Long exploreSeed;

    @Mixin
    private RealtimeOptions realtime;

    @Mixin
    private LogOptions log;

    @Mixin
    private ShipOptions ship;

    @Mixin
    private DashboardOptions dashboard;

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
        if (exploreSeed != null && !explore) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--explore-seed needs --explore");
        }
        final RealtimeSetup realtimeSetup = realtime.setup(spec);
        final RobotDescription description = port == null ? RobotDescription.load(robot)
            : RobotDescription.load(robot, new ConfigNode("--port", "", Map.of("bridge", Map.of("port", port))));
        OptionChecks.require(spec, port == null || "bridge".equals(description.backend()), "--port applies to a "
            + "bridge robot (backend: bridge); " + robot + " has backend " + description.backend());
        final PrintWriter out = spec.commandLine().getOut();
        final ExperienceLogConfig logConfig;
        try {
            logConfig = log.config();
        } catch (final IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        final ShipRun shipping = ship.plan(spec, logConfig);
        final RobotRuntime.Context context = new RobotRuntime.Context().description(description).policy(policy)
            .rateHz(rateHz == null ? Double.NaN : rateHz).allowRobotMismatch(allowRobotMismatch).log(logConfig);
        if (explore) {
            context.exploration(Exploration.sampling(exploreSeed != null ? exploreSeed
                : ControlConfig.from(description).exploration().seed()));
        }
        try {
            run(context, durationS, episodes == null ? Long.MAX_VALUE : episodes, simulatedTime, realtimeSetup,
                shipping, dashboard.address(spec), out, Verbosity.of(spec).progress(out));
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
        run(new RobotRuntime.Context().description(description).policy(policy).rateHz(rateHz)
            .allowRobotMismatch(allowRobotMismatch).log(logConfig), durationS, episodes, simulatedTime, realtimeSetup,
            null, null, out, out);
    }

    /**
     * Runs a robot runtime for a duration or until a number of episodes have completed, and prints its summary.
     *
     * @param context       the runtime's settings.
     * @param durationS     the longest the run lasts.
     * @param episodes      the run stops once this many episodes have completed ({@code Long.MAX_VALUE}: never).
     * @param simulatedTime advance a simulated robot's clock one period per tick, without waiting; refused for
     *                      hardware.
     * @param realtimeSetup the loop thread's real-time requests.
     * @param shipping      the log's shipping ({@code --ship-to}), started once the log is open, or null; on every way
     *                      out it is finished after the robot's safe stop and the log's flush.
     * @param dashboard     where to serve the live dashboard ({@code --dashboard}), or null for none.
     * @param out           where the summary and warnings go.
     * @param progress      where the "running ..." line goes (nowhere under {@code --quiet}).
     * @throws Exception when the robot, policy or loop fails.
     */
    static void run(final RobotRuntime.Context context, final double durationS, final long episodes,
        final boolean simulatedTime, final RealtimeSetup realtimeSetup, final ShipRun shipping,
        final InetSocketAddress dashboard, final PrintWriter out, final PrintWriter progress) throws Exception {
        try (StopSignal stop = new StopSignal();
            ShipRun shipper = shipping;
            RobotRuntime runtime = RobotRuntime.create(context)) {
            final Controller controller = runtime.controller();
            final RobotDescription description = runtime.description();
            final ExperienceLog log = runtime.log();
            for (final String warning : controller.warnings()) {
                out.println("warning: " + warning);
            }
            if (controller.trust() != null) {
                out.println("policy " + controller.firstPolicy().source() + " verified: signed by "
                    + controller.firstPolicy().signer().describe() + ", trusted by " + controller.trust().source());
            }
            if (simulatedTime && !controller.robot().isSimulated()) {
                throw new ConfigException("--simulated-time runs a simulated robot's clock faster than real time; "
                    + "robot '" + description.spec().name() + "' (backend " + description.backend() + ") is hardware");
            }
            final String running = String.format("running %s (backend %s) with policy %s at %.0f Hz%s for %.1f s%s%s%s",
                description.spec().name(), description.backend(), controller.policy().describe(),
                1e9 / controller.periodNs(), controller.policyPeriodTicks() == 1 ? ""
                    : String.format(" (the policy every %d ticks, at %s Hz)", controller.policyPeriodTicks(),
                        new BigDecimal(1e9 / controller.periodNs() / controller.policyPeriodTicks())
                            .round(new MathContext(6)).stripTrailingZeros().toPlainString()),
                durationS, controller.exploration().sample()
                    ? ", exploring: " + controller.exploration().describe() : "",
                log == null ? "" : ", logging to " + runtime.logConfig().directory(),
                shipper == null ? "" : shipper.describe());
            if (shipper != null) {
                shipper.start(out);
            }
            final long durationNs = Math.round(durationS * 1e9);
            final LoopSummary summary;
            LoopSampler sampler = null;
            try (DashboardServer board = dashboard == null ? null
                : DashboardOptions.serve(dashboard, "run " + description.spec().name(), out)) {
                if (simulatedTime) {
                    progress.println(running + ", on simulated time");
                    progress.flush();
                    runtime.startSimulatedTime(System.nanoTime());
                    sampler = sampler(board, runtime);
                    runtime.runEpisodes(episodes, Math.ceilDiv(durationNs, controller.periodNs()));
                    summary = runtime.simulatedSummary();
                } else {
                    stop.onRequest(runtime::requestStop);
                    sampler = sampler(board, runtime);
                    summary = runtime.runRealTime(durationNs, episodes, realtimeSetup,
                        message -> out.println("warning: " + message), () -> {
                            progress.println(running);
                            progress.flush();
                        });
                }
                final ReturnCode stopped = runtime.stop();
                if (log != null) {
                    log.finish();
                }
                if (sampler != null) {
                    sampler.finish(summary);
                }
                printSummary(summary, stopped, runtime, shipper, stop, episodes, out);
            } finally {
                if (sampler != null) {
                    sampler.close();
                }
            }
        }
    }

    /** Samples the loop for a dashboard: call it once the loop agent exists or from the thread that creates it. */
    private static LoopSampler sampler(final DashboardServer board, final RobotRuntime runtime) {
        return board == null ? null : new LoopSampler(board, runtime::loopAgent, runtime.controller().tick(),
            runtime.description().spec().name());
    }

    private static void printSummary(final LoopSummary summary, final ReturnCode stopped, final RobotRuntime runtime,
        final ShipRun shipper, final StopSignal stop, final long episodes, final PrintWriter out) throws Exception {
        final Controller controller = runtime.controller();
        final RobotDescription description = runtime.description();
        final ExperienceLog log = runtime.log();
        final ShippingSummary shipped = shipper == null ? null : shipper.finish();
        if (controller.tick().completedEpisodes() >= episodes) {
            out.printf("stopped          after %d completed episodes (--episodes)%n", episodes);
        }
        if (stop.requested()) {
            out.println("stopped          by a signal (SIGINT or SIGTERM) before the duration had passed");
        }
        out.print(RunSummaryFormat.format(summary, controller.tick()));
        out.print(RunSummaryFormat.finalCommand(description.spec(), controller.tick().command(), stopped));
        out.print(controller.robot().diagnostics());
        final String robotStatus = controller.robot().statusMessage();
        if (!robotStatus.isEmpty()) {
            out.printf("robot reported   %s (backend now %s)%n", robotStatus, controller.robot().lifecycleState());
        }
        if (log != null) {
            out.printf("experience log   %d records written to %s, %d dropped%s%s%n", log.recordsWritten(),
                runtime.logConfig().directory(), log.recordsDropped(),
                log.unshippedRecordsDeleted() == 0 ? "" : ", " + log.unshippedRecordsDeleted() + " deleted by "
                    + "retention before the fleet receiver had them",
                log.firstError() == null ? "" : "; first error: " + causes(log.firstError()));
        }
        if (shipped != null) {
            out.println("shipping         " + shipped.describe());
        }
        out.flush();
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
}
