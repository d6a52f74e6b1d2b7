package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.colearn.FleetLearner;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.colearn.RobotLogFollower;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.export.PolicyExporter;
import dev.sparring.trainer.export.TrainedPolicies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The supervisor side of one robot of a fleet: its {@link FleetLearner}, the {@link RobotLogFollower} through which
 * the supervisor reads the robot's log window by window (wherever the log transport put it), and the returns of the
 * episodes the log shows, in order. Its policies are written as policy files for the robot ({@link FleetRobot}).
 */
final class RobotLearning implements AutoCloseable {
    private static final int RECENT_EPISODES = 10;

    private final int index;
    private final int type;
    private final String name;
    private final Env task;
    private final LoggedWindow window;
    private final FleetLearner learner;
    private final double[] recentReturns = new double[RECENT_EPISODES];
    private Path logDirectory;
    private RobotLogFollower follower;
    private double episodeReturn;
    private long episodes;
    private double windowReturnSum;
    private int windowEpisodes;

    /**
     * @param index   the robot's index in the fleet.
     * @param type    its robot type.
     * @param task    the fleet's task.
     * @param learner its learner.
     */
    RobotLearning(final int index, final int type, final Env task, final FleetLearner learner) {
        this.index = index;
        this.type = type;
        this.name = nameOf(index);
        this.task = task;
        this.learner = learner;
        this.window = new LoggedWindow(learner.capacity(), task.observationSize(), task.actionSize());
    }

    /**
     * Makes a robot's learner as every fleet run makes it: its network's seed from the run's seed and the robot's index.
     *
     * @param config the run's settings.
     * @param task   the fleet's task.
     * @param index  the robot's index.
     * @param type   its robot type.
     * @param runner the threads the learners' updates share.
     * @return the robot's learning side.
     */
    static RobotLearning create(final FleetConfig config, final Env task, final int index, final int type,
        final ParallelRunner runner) {
        final double[] actionScale = new double[task.actionSize()];
        Arrays.fill(actionScale, 1.0);
        final FleetLearner learner = new FleetLearner(config.ppo(), config.hiddenSizes(), task.observationSize(),
            actionScale, task.effortPerActionUnit(), 10.0, config.windowSteps(), config.temperature(),
            config.weightClip(), 0.1, SplitMix64.derive(config.seed(), 3L * index), runner);
        return new RobotLearning(index, type, task, learner);
    }

    /**
     * @param index a robot's index in the fleet.
     * @return its name: its log's directory and its name on the fleet transport.
     */
    static String nameOf(final int index) {
        return "robot-" + index;
    }

    /**
     * @param directory where the supervisor reads the robot's log from.
     */
    void readFrom(final Path directory) {
        this.logDirectory = directory;
    }

    /**
     * Reads the window that ends at {@code endNs} from the log and accounts for its episodes' returns.
     *
     * @return the window.
     */
    LoggedWindow read(final long endNs) {
        try {
            if (follower == null) {
                follower = RobotLogFollower.open(name, logDirectory, error -> { });
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

    /**
     * Writes the learner's current policy, atomically.
     *
     * @param policyFile where.
     * @throws IOException when it cannot be written.
     */
    void exportPolicy(final Path policyFile) throws IOException {
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

    int windowEpisodes() {
        return windowEpisodes;
    }

    double windowReturnSum() {
        return windowReturnSum;
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
