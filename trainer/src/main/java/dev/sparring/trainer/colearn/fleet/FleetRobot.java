package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.Exploration;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.colearn.FleetLearner;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.colearn.RobotLogFollower;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.export.PolicyExporter;
import dev.sparring.trainer.export.TrainedPolicies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One robot of a simulated fleet and its learner: the robot's {@link RobotRuntime} (its own simulated backend,
 * controller in exploring mode and Chronicle log), a {@link RobotLogFollower} through which its supervisor reads the
 * log, and the {@link FleetLearner} whose policies go back to it, written atomically and taken up between episodes.
 * Tracks the returns of the episodes the log shows, in order.
 */
final class FleetRobot implements AutoCloseable {
    private static final int RECENT_EPISODES = 10;
    private static final long LOG_WRITE_TIMEOUT_NS = 30_000_000_000L;

    private final int index;
    private final int type;
    private final String name;
    private final Env task;
    private final Path policyFile;
    private final Path logDirectory;
    private Path readDirectory;
    private final RobotRuntime runtime;
    private final LoggedWindow window;
    private RobotLogFollower follower;
    private final FleetLearner learner;
    private final double[] recentReturns = new double[RECENT_EPISODES];
    private double episodeReturn;
    private long episodes;
    private double windowReturnSum;
    private int windowEpisodes;

    FleetRobot(final int index, final int type, final RobotDescription description, final Env task,
        final FleetLearner learner, final Path directory, final long seed) throws IOException {
        this.index = index;
        this.type = type;
        this.name = "robot-" + index;
        this.task = task;
        this.learner = learner;
        this.policyFile = directory.resolve("policies").resolve(name + ".policy");
        Files.createDirectories(policyFile.getParent());
        exportPolicy();
        this.logDirectory = directory.resolve("logs").resolve(name);
        this.window = new LoggedWindow(learner.capacity(), task.observationSize(), task.actionSize());
        this.runtime = RobotRuntime.create(new RobotRuntime.Context().description(description).policy(policyFile)
            .exploration(Exploration.sampling(seed)).log(ExperienceLogConfig.defaults(logDirectory))
            .loggerOnOwnThread(false).robotId(index)
            .firstEpisodeId(0));
        try {
            runtime.startSimulatedTime(0L);
        } catch (final RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * Connects the robot's log to its supervisor through the transport.
     *
     * @param transport  the run's log transport.
     * @param supervisor the robot's supervisor.
     * @throws IOException when the transport cannot make its directories.
     */
    void readFrom(final LogTransport transport, final int supervisor) throws IOException {
        readDirectory = transport.attach(name, logDirectory, runtime.log()::recordsWritten, supervisor);
    }

    /**
     * Runs the robot for a window of policy steps (one tick each), then writes the window's records to its log on this
     * thread (a fleet of N robots needs no N logger threads; a window of 1 000 steps fits the log's 1 MiB ring).
     */
    void run(final int steps) {
        runtime.step(steps);
        if (!runtime.log().awaitDrained(LOG_WRITE_TIMEOUT_NS)) {
            throw new IllegalStateException(name + ": its experience log did not take the window's records"
                + (runtime.log().firstError() == null ? "" : ": " + runtime.log().firstError().getMessage()));
        }
    }

    /**
     * Reads the window that ends at {@code endNs} from the log and accounts for its episodes' returns.
     *
     * @return the window.
     */
    LoggedWindow read(final long endNs) {
        try {
            if (follower == null) {
                follower = RobotLogFollower.open(name, readDirectory, error -> { });
            }
            follower.readUntil(endNs, window);
        } catch (final ExperienceLogException | UncheckedIOException e) {
            window.clear();
            window.problem(name + ": its log cannot be read (" + e.getMessage() + ")");
        }
        windowReturnSum = 0.0;
        windowEpisodes = 0;
        if (window.problem() != null) {
            return window;
        }
        for (int row = 0; row < window.steps(); row++) {
            final double reward = window.rewards()[row];
            episodeReturn += Double.isNaN(reward) ? 0.0 : reward;
            if (window.episodeEnd(row)) {
                recentReturns[(int) (episodes % RECENT_EPISODES)] = episodeReturn;
                episodes++;
                windowReturnSum += episodeReturn;
                windowEpisodes++;
                episodeReturn = 0.0;
            }
        }
        return window;
    }

    /** Writes the learner's policy (atomically) and asks the robot to take it up at its next episode. */
    void sendPolicy() throws IOException {
        exportPolicy();
        runtime.requestPolicy(policyFile);
    }

    private void exportPolicy() throws IOException {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", name + "-update" + learner.updates());
        metadata.put("trainer", "sparring fleet PPO");
        metadata.put("task", task.taskName());
        metadata.put("robot", task.deployment().map(d -> d.robotFile()).orElse("none"));
        metadata.put("control_period_s", Double.toString(task.stepDurationS()));
        PolicyExporter.write(TrainedPolicies.snapshot(learner.policy(), task, task.effortPerActionUnit(), metadata),
            policyFile);
    }

    /**
     * @return the mean return of the last (up to) 10 episodes, NaN before the first.
     */
    double recentReturn() {
        final int count = (int) Math.min(episodes, RECENT_EPISODES);
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += recentReturns[i];
        }
        return sum / count;
    }

    int index() {
        return index;
    }

    int type() {
        return type;
    }

    String name() {
        return name;
    }

    LoggedWindow window() {
        return window;
    }

    FleetLearner learner() {
        return learner;
    }

    long episodes() {
        return episodes;
    }

    int windowEpisodes() {
        return windowEpisodes;
    }

    double windowReturnSum() {
        return windowReturnSum;
    }

    long policyId() {
        return runtime.policyId();
    }

    @Override
    public void close() {
        try {
            if (follower != null) {
                follower.close();
            }
        } finally {
            runtime.close();
        }
    }
}
