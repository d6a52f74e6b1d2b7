package dev.sparring.trainer.colearn;

import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecordHandler;
import dev.sparring.controller.log.RecordType;

import java.nio.file.Path;

import org.agrona.ErrorHandler;

/**
 * A supervisor's view of one robot's experience log: follows the log from its start through the real
 * {@link ExperienceLogReader} and hands it over window by window ({@link #readUntil}), each record exactly once.
 * Records are taken in log (timestamp) order; the first record at or after a window's end is kept for the next
 * window. A window is unusable ({@link LoggedWindow#problem()}) when the log was damaged inside it or its records
 * have another observation or action layout than the fleet's; the reader goes on with the next window either way.
 */
public final class RobotLogFollower implements AutoCloseable {
    private final String robotName;
    private final ExperienceLogReader reader;
    private final ExperienceRecordHandler handler = this::onRecord;
    private LoggedWindow window;
    private long untilNs;
    private boolean hasPending;
    private long previousEpisodeId = Long.MIN_VALUE;
    private long previousStepIndex = Long.MIN_VALUE;
    private boolean gapSinceStep;

    // the record being taken, decoded (the reader's flyweight is valid only during its callback)
    private RecordType type;
    private int flags;
    private long episodeId;
    private long stepIndex;
    private long timestampNs;
    private double reward;
    private double logProbability;
    private long policyId;
    private int observationCount;
    private int actionCount;
    private double[] observation = new double[0];
    private double[] action = new double[0];

    private RobotLogFollower(final String robotName, final ExperienceLogReader reader) {
        this.robotName = robotName;
        this.reader = reader;
    }

    /**
     * Opens a robot's log.
     *
     * @param robotName the robot, for messages.
     * @param directory its queue directory.
     * @param warnings  receives each damage the reader finds, once.
     * @return the follower, positioned at the log's start.
     * @throws ExperienceLogException when the directory is missing or holds no queue.
     */
    public static RobotLogFollower open(final String robotName, final Path directory, final ErrorHandler warnings) {
        return new RobotLogFollower(robotName, ExperienceLogReader.open(directory, warnings).fromStart());
    }

    /**
     * Fills a window with the records not read before whose timestamps are before {@code endNs}, and the end marker
     * of the episode its last step belongs to when that follows directly (the marker is stamped when the step has
     * ended, possibly past the window's end).
     *
     * @param endNs  the window's end (exclusive), in the log's clock.
     * @param target the window to fill; cleared first.
     * @return {@code target}.
     */
    public LoggedWindow readUntil(final long endNs, final LoggedWindow target) {
        target.clear();
        window = target;
        untilNs = endNs;
        previousEpisodeId = Long.MIN_VALUE;
        final long damageBefore = reader.damageCount();
        if (hasPending) {
            if (timestampNs >= endNs) {
                return target;
            }
            hasPending = false;
            take();
        }
        while (!hasPending && reader.poll(handler, 1) > 0) {
            // one record at a time, so that the first one past the window's end is the last one decoded
        }
        final long damaged = reader.damageCount() - damageBefore;
        if (damaged > 0) {
            target.problem("robot '" + robotName + "': its log is damaged in this window (" + damaged
                + " damaged place(s); see the warnings)");
        }
        return target;
    }

    private void onRecord(final ExperienceRecordFlyweight record) {
        decode(record);
        final boolean endsLastStep = type == RecordType.EPISODE_END && episodeId == previousEpisodeId;
        if (timestampNs >= untilNs && !endsLastStep) {
            hasPending = true;
            return;
        }
        take();
    }

    private void decode(final ExperienceRecordFlyweight record) {
        type = record.type();
        flags = record.flags();
        episodeId = record.episodeId();
        stepIndex = record.stepIndex();
        timestampNs = record.timestampNs();
        reward = record.reward();
        logProbability = record.logProbability();
        policyId = record.policyId();
        observationCount = type == RecordType.STEP ? record.observationCount() : 0;
        actionCount = type == RecordType.STEP ? record.actionCount() : 0;
        if (observation.length < observationCount) {
            observation = new double[observationCount];
        }
        if (action.length < actionCount) {
            action = new double[actionCount];
        }
        for (int i = 0; i < observationCount; i++) {
            observation[i] = record.observation(i);
        }
        for (int i = 0; i < actionCount; i++) {
            action[i] = record.action(i);
        }
    }

    private void take() {
        if (type == RecordType.GAP) {
            gapSinceStep = true;
        } else if (type == RecordType.EPISODE_END) {
            if (episodeId == previousEpisodeId && window.steps() > 0) {
                window.markEpisodeEnd(window.steps() - 1, (flags & ExperienceRecordFlyweight.FLAG_TERMINAL) != 0);
            }
            previousEpisodeId = Long.MIN_VALUE;
        } else if (type == RecordType.STEP) {
            takeStep();
        }
    }

    private void takeStep() {
        final LoggedWindow w = window;
        if (observationCount != w.observationSize() || actionCount != w.actionSize()) {
            w.problem("robot '" + robotName + "': its log holds steps of " + observationCount + " observations and "
                + actionCount + " actions; the fleet's layout is " + w.observationSize() + " and "
                + w.actionSize());
            return;
        }
        final int row = w.append(reward, logProbability, flags, policyId);
        if (row < 0) {
            return;
        }
        System.arraycopy(observation, 0, w.observations(), row * observationCount, observationCount);
        System.arraycopy(action, 0, w.actions(), row * actionCount, actionCount);
        if (row > 0 && !gapSinceStep && episodeId == previousEpisodeId && stepIndex == previousStepIndex + 1) {
            w.linkToPrevious(row);
        }
        previousEpisodeId = episodeId;
        previousStepIndex = stepIndex;
        gapSinceStep = false;
    }

    @Override
    public void close() {
        reader.close();
    }
}
