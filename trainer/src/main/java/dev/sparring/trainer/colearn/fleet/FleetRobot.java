package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.Exploration;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The robot side of one robot of a simulated fleet: its {@link RobotRuntime} (its own simulated backend, controller in
 * exploring mode and Chronicle log) on simulated time, running window after window and taking up the policies its
 * learner sends between episodes. Its learner and its supervisor's view of its log are {@link RobotLearning}.
 */
final class FleetRobot implements AutoCloseable {
    private static final long LOG_WRITE_TIMEOUT_NS = 30_000_000_000L;

    private final String name;
    private final Path logDirectory;
    private final RobotRuntime runtime;

    /**
     * Starts the robot on simulated time.
     *
     * @param index        the robot's index in the fleet (its robot id in the log).
     * @param description  its robot description.
     * @param policyFile   the policy it starts with.
     * @param logDirectory where its experience log goes.
     * @param seed         its exploration noise's seed.
     * @throws IOException when the policy cannot be read or the log not opened.
     */
    FleetRobot(final int index, final RobotDescription description, final Path policyFile, final Path logDirectory,
        final long seed) throws IOException {
        this.name = RobotLearning.nameOf(index);
        this.logDirectory = logDirectory;
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
     * Asks the robot to take up a policy at its next episode.
     *
     * @param policyFile the policy, read and checked now.
     * @throws IOException when it cannot be read.
     */
    void takePolicy(final Path policyFile) throws IOException {
        runtime.requestPolicy(policyFile);
    }

    String name() {
        return name;
    }

    Path logDirectory() {
        return logDirectory;
    }

    /**
     * @return the records the robot's log holds.
     */
    long recordsWritten() {
        return runtime.log().recordsWritten();
    }

    long policyId() {
        return runtime.policyId();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
