package dev.sparring.trainer.colearn.fleet;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.colearn.FleetLearner;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.run.ProgressBar;
import dev.sparring.trainer.run.TensorBoardEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.agrona.CloseHelper;

/**
 * One fleet training run, window after window: every robot runs K policy steps on simulated time (its own tick,
 * exploring policy and Chronicle log); each supervisor reads its robots' windows back from their logs
 * ({@link dev.sparring.trainer.colearn.RobotLogFollower}), decides who shares with whom ({@link PartnerChooser}); each
 * learner updates on its own window and its partners' ({@link FleetLearner}: every mode gets the same budget of T
 * partner windows of steps per update, so that the modes differ in whose experience a robot learns from, not in how
 * much; sharing with everyone takes an equal slice of every partner's window); the new policies are written and go back
 * to the robots, which take them up at their next episode. The run directory receives {@code metrics.csv} (per window
 * and robot), {@code windows.csv} (the steps and digest of each robot's window as its learner received it),
 * {@code fidelity.csv} (per window and supervisor, Dynamic Co-Learning only) and {@code events.txt} (windows left out
 * and why), and TensorBoard events ({@link TensorBoardEvents}: after each window, at the window's end in steps per robot,
 * {@code fleet/recent_return} and each robot's {@code <robot>/recent_return}, the same numbers as {@code metrics.csv}'s
 * {@code recent_return}); {@code metrics.csv} is flushed after each window, so a dashboard following it shows the run as
 * it goes; the logs under {@code logs/} (and the transport's copies under {@code received/}) are deleted at the end
 * unless kept. The {@link FleetTransport} decides where the supervisors read the logs: the robots' own, or copies
 * moved over Aeron.
 */
public final class FleetTraining {
    /** The metrics file's header. */
    public static final String METRICS_HEADER = "window,steps,robot,type,supervisor,group,partners,"
        + "partner_steps_received,bytes_received,episodes,window_mean_return,recent_return,policy_id";

    private final FleetConfig config;
    private final FleetDescription fleet;
    private final Path directory;
    private final FleetTransport transport;

    /**
     * @param config    the run's settings.
     * @param fleet     the robots and their types.
     * @param directory the run directory, created.
     * @param transport where the supervisors read the robots' logs.
     */
    public FleetTraining(final FleetConfig config, final FleetDescription fleet, final Path directory,
        final FleetTransport transport) {
        this.config = config;
        this.fleet = fleet;
        this.directory = directory;
        this.transport = transport;
    }

    /**
     * Runs the whole budget.
     *
     * @param progress where the progress line goes, or null for none.
     * @param keepLogs keep the robots' experience logs in the run directory.
     * @return the fleet's mean recent return (last 10 episodes per robot) after each window.
     * @throws IOException when a file cannot be written.
     */
    public double[] run(final PrintWriter progress, final boolean keepLogs) throws IOException {
        Files.createDirectories(directory);
        final Env task = Tasks.create(fleet.task(), 0.0);
        final int n = config.robots();
        final int k = config.windowSteps();
        final long periodNs = Math.round(task.stepDurationS() * 1e9);
        final long windows = config.windows();
        final double[] curve = new double[(int) windows];
        final FleetRobot[] robots = new FleetRobot[n];
        final RobotLearning[] learners = new RobotLearning[n];
        final LogTransport logs = transport.open(directory, config.supervisors());
        try (logs;
            ParallelRunner runner = new ParallelRunner(Math.min(2, Runtime.getRuntime().availableProcessors()),
            "fleet-learner");
            PrintWriter metrics = writer("metrics.csv");
            PrintWriter fidelity = writer("fidelity.csv");
            PrintWriter events = writer("events.txt");
            PrintWriter digests = writer("windows.csv");
            TensorBoardEvents board = TensorBoardEvents.create(directory, Clock.systemUTC(),
                TensorBoardEvents.hostName())) {
            metrics.println(METRICS_HEADER);
            digests.println("window,robot,steps,digest");
            fidelity.println("window,supervisor,robots_with_features,pearson,spearman");
            final int[] types = fleet.assignTypes(n, SplitMix64.derive(config.seed(), 3_000_000L));
            for (int i = 0; i < n; i++) {
                learners[i] = RobotLearning.create(config, task, i, types[i], runner);
                learners[i].exportPolicy(policyFile(i));
                robots[i] = new FleetRobot(i, fleet.robot(types[i], SplitMix64.derive(config.seed(), 3L * i + 1)),
                    policyFile(i), directory.resolve("logs").resolve(learners[i].name()),
                    SplitMix64.derive(config.seed(), 3L * i + 2));
                learners[i].readFrom(logs.attach(robots[i].name(), robots[i].logDirectory(),
                    robots[i]::recordsWritten, config.supervisorOf(i)));
            }
            final SplitMix64 slices = new SplitMix64(SplitMix64.derive(config.seed(), 2_000_000L));
            final Supervisor[] supervisors = new Supervisor[config.supervisors()];
            for (int s = 0; s < supervisors.length; s++) {
                supervisors[s] = Supervisor.create(config, fleet, task, s, slices);
            }
            final String[] tags = new String[n + 1];
            final double[] returns = new double[n + 1];
            tags[0] = "fleet/recent_return";
            for (int i = 0; i < n; i++) {
                tags[i + 1] = learners[i].name() + "/recent_return";
            }
            final ProgressBar bar = progress == null ? null : new ProgressBar(progress, System::nanoTime, false,
                5_000_000_000L, config.sharing().label() + " seed " + config.seed(), 0);
            for (int w = 0; w < windows; w++) {
                for (final FleetRobot robot : robots) {
                    robot.run(k);
                }
                logs.deliver();
                // a step's record is written when the step has ended, at the next tick: the step begun in the
                // window's last tick is not in the log yet, so the window ends at that tick's start (by timestamp)
                final long endNs = (w + 1L) * k * periodNs - periodNs;
                for (final RobotLearning robot : learners) {
                    final LoggedWindow window = robot.read(endNs);
                    digests.printf(Locale.ROOT, "%d,%d,%d,%016x%n", w, robot.index(), window.steps(),
                        window.digest());
                }
                for (final Supervisor supervisor : supervisors) {
                    supervisor.supervise(w, learners, metrics, fidelity, events);
                }
                metrics.flush();
                for (int i = 0; i < n; i++) {
                    learners[i].exportPolicy(policyFile(i));
                    robots[i].takePolicy(policyFile(i));
                }
                curve[w] = fleetRecentReturn(learners);
                returns[0] = curve[w];
                for (int i = 0; i < n; i++) {
                    returns[i + 1] = learners[i].recentReturn();
                }
                board.write((w + 1L) * k, tags, returns);
                if (bar != null) {
                    bar.update(w + 1, (w + 1L) * k, windows * k, curve[w]);
                }
            }
            if (bar != null) {
                bar.finish(windows, windows * k, windows * k, curve[(int) windows - 1]);
            }
        } finally {
            CloseHelper.closeAll(robots);
            CloseHelper.closeAll(learners);
            if (!keepLogs) {
                deleteRecursively(directory.resolve("logs"));
                deleteRecursively(directory.resolve("received"));
            }
        }
        return curve;
    }

    private static double fleetRecentReturn(final RobotLearning[] robots) {
        double sum = 0.0;
        int count = 0;
        for (final RobotLearning robot : robots) {
            final double recent = robot.recentReturn();
            if (!Double.isNaN(recent)) {
                sum += recent;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private Path policyFile(final int robot) throws IOException {
        final Path policies = directory.resolve("policies");
        Files.createDirectories(policies);
        return policies.resolve(RobotLearning.nameOf(robot) + ".policy");
    }

    private PrintWriter writer(final String name) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8));
    }

    private static void deleteRecursively(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
