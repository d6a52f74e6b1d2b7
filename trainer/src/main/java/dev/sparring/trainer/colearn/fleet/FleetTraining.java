package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.colearn.Correspondence;
import dev.sparring.trainer.colearn.FleetLearner;
import dev.sparring.trainer.colearn.LinearGaussianContextFeatures;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.colearn.SharingConfig;
import dev.sparring.trainer.colearn.TransitionWindow;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.run.ProgressBar;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * and why); the logs under {@code logs/} (and the transport's copies under {@code received/}) are deleted at the end
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
    private LoggedWindow[] packed;
    private SplitMix64 slices;

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
            PrintWriter digests = writer("windows.csv")) {
            metrics.println(METRICS_HEADER);
            digests.println("window,robot,steps,digest");
            fidelity.println("window,supervisor,robots_with_features,pearson,spearman");
            final int[] blockStart = blockStarts();
            final int[] types = fleet.assignTypes(n, SplitMix64.derive(config.seed(), 3_000_000L));
            for (int i = 0; i < n; i++) {
                final int maxPartners = config.temperature();
                final double[] actionScale = new double[task.actionSize()];
                java.util.Arrays.fill(actionScale, 1.0);
                final FleetLearner learner = new FleetLearner(config.ppo(), config.hiddenSizes(),
                    task.observationSize(), actionScale, task.effortPerActionUnit(), 10.0, k, maxPartners,
                    config.weightClip(), 0.1, SplitMix64.derive(config.seed(), 3L * i), runner);
                learners[i] = new RobotLearning(i, types[i], task, learner);
                learners[i].exportPolicy(policyFile(i));
                robots[i] = new FleetRobot(i, fleet.robot(types[i], SplitMix64.derive(config.seed(), 3L * i + 1)),
                    policyFile(i), directory.resolve("logs").resolve(learners[i].name()),
                    SplitMix64.derive(config.seed(), 3L * i + 2));
                learners[i].readFrom(logs.attach(robots[i].name(), robots[i].logDirectory(),
                    robots[i]::recordsWritten, config.supervisorOf(i)));
            }
            packed = new LoggedWindow[config.temperature()];
            for (int p = 0; p < packed.length; p++) {
                packed[p] = new LoggedWindow(k, task.observationSize(), task.actionSize());
            }
            slices = new SplitMix64(SplitMix64.derive(config.seed(), 2_000_000L));
            final Correspondence[] correspondences = Correspondence.declaredBy(fleet.robot(0, 0L),
                task.observationSize(), task.actionSize());
            final PartnerChooser[] choosers = new PartnerChooser[config.supervisors()];
            for (int s = 0; s < choosers.length; s++) {
                choosers[s] = new PartnerChooser(config.sharing(), new SharingConfig(config.kMin(), config.kMax(),
                    config.temperature()), new LinearGaussianContextFeatures(), correspondences,
                    SplitMix64.derive(config.seed(), 1_000_000L + s));
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
                for (int s = 0; s < choosers.length; s++) {
                    supervise(w, s, blockStart[s], blockStart[s + 1], learners, robots, choosers[s], metrics,
                        fidelity, events);
                }
                for (int i = 0; i < n; i++) {
                    learners[i].exportPolicy(policyFile(i));
                    robots[i].takePolicy(policyFile(i));
                }
                curve[w] = fleetRecentReturn(learners);
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

    /** One supervisor's window: partners, the learners' updates, the rows of metrics. */
    private void supervise(final int w, final int supervisor, final int from, final int to,
        final RobotLearning[] robots, final FleetRobot[] runtimes, final PartnerChooser chooser, final PrintWriter metrics, final PrintWriter fidelity,
        final PrintWriter events) {
        final int size = to - from;
        final TransitionWindow[] transitions = new TransitionWindow[size];
        final int[] types = new int[size];
        for (int i = 0; i < size; i++) {
            final RobotLearning robot = robots[from + i];
            types[i] = robot.type();
            final LoggedWindow window = robot.window();
            if (window.problem() != null) {
                events.printf(Locale.ROOT, "window %d: %s left out: %s%n", w, robot.name(), window.problem());
            } else {
                transitions[i] = window.transitions();
            }
        }
        final PartnerChooser.Decision decision = chooser.choose(transitions, types, w);
        if (config.sharing() == SharingMode.COLEARN) {
            int withFeatures = 0;
            for (int i = 0; i < size; i++) {
                withFeatures += transitions[i] != null && decision.leftOut()[i] == null ? 1 : 0;
            }
            fidelity.printf(Locale.ROOT, "%d,%d,%d,%.6f,%.6f%n", w, supervisor, withFeatures, decision.fidelity()[0],
                decision.fidelity()[1]);
        }
        final int recordBytes = ExperienceRecordFlyweight.length(robots[from].window().observationSize(),
            robots[from].window().actionSize(), 0);
        for (int i = 0; i < size; i++) {
            final RobotLearning robot = robots[from + i];
            if (decision.leftOut()[i] != null) {
                events.printf(Locale.ROOT, "window %d: %s shares nothing: %s%n", w, robot.name(),
                    decision.leftOut()[i]);
            }
            final int[] partners = decision.partners()[i];
            final LoggedWindow[] received = config.sharing() == SharingMode.ALL ? slicesOf(robots, from, partners)
                : windowsOf(robots, from, partners);
            long steps = 0;
            for (final LoggedWindow window : received) {
                steps += window.steps();
            }
            if (transitions[i] != null) {
                robot.learner().update(robot.window(), received, received.length);
            }
            metrics.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s,%s,%d%n", w, (w + 1L) * config.windowSteps(),
                robot.index(), robot.type(), supervisor, decision.group()[i], partners.length, steps,
                steps * recordBytes, robot.windowEpisodes(), number(robot.windowEpisodes() == 0 ? Double.NaN
                    : robot.windowReturnSum() / robot.windowEpisodes()), number(robot.recentReturn()),
                runtimes[from + i].policyId());
        }
    }

    private static LoggedWindow[] windowsOf(final RobotLearning[] robots, final int from, final int[] partners) {
        final LoggedWindow[] windows = new LoggedWindow[partners.length];
        for (int p = 0; p < partners.length; p++) {
            windows[p] = robots[from + partners[p]].window();
        }
        return windows;
    }

    /**
     * Sharing with everyone within the learner's budget of T windows of steps: an equal, randomly placed slice of
     * every partner's window (consecutive steps, so advantages are computed within each), packed into T windows.
     */
    private LoggedWindow[] slicesOf(final RobotLearning[] robots, final int from, final int[] partners) {
        for (final LoggedWindow window : packed) {
            window.clear();
        }
        if (partners.length == 0) {
            return new LoggedWindow[0];
        }
        final int budget = packed.length * packed[0].capacity();
        final int length = Math.max(1, budget / partners.length);
        int target = 0;
        for (final int partner : partners) {
            final LoggedWindow source = robots[from + partner].window();
            final int take = Math.min(length, source.steps());
            if (take == 0) {
                continue;
            }
            final int start = slices.nextInt(source.steps() - take + 1);
            int copied = 0;
            while (copied < take && target < packed.length) {
                copied += packed[target].appendSlice(source, start + copied, take - copied);
                if (packed[target].steps() == packed[target].capacity()) {
                    target++;
                }
            }
        }
        int used = 0;
        while (used < packed.length && packed[used].steps() > 0) {
            used++;
        }
        return java.util.Arrays.copyOf(packed, used);
    }

    private int[] blockStarts() {
        final int[] start = new int[config.supervisors() + 1];
        for (int i = config.robots() - 1; i >= 0; i--) {
            start[config.supervisorOf(i)] = i;
        }
        start[config.supervisors()] = config.robots();
        return start;
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

    private static String number(final double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
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
