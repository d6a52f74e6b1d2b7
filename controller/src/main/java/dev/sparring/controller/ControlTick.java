package dev.sparring.controller;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.controller.loop.TickHandler;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.policy.ActionPolicy;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.ReturnCode;

/**
 * One control tick, the hot path of the robot: {@code read → observation → safety → policy → safety → action
 * mapping (clamp, rate limit) → write}. A fault seen anywhere is answered with the safe command in the same tick.
 * All buffers are preallocated: a tick allocates nothing, takes no lock and throws nothing.
 */
public final class ControlTick implements TickHandler {
    private final RobotSystem robot;
    private final ObservationMapping observationMapping;
    private final ActionPolicy policy;
    private final ActionMapping actionMapping;
    private final SafetySupervisor supervisor;
    private final EpisodeReward reward;
    private final double periodS;
    private final RobotState state;
    private final RobotCommand command;
    private final double[] observation;
    private final double[] action;
    private final double[] previousAction;
    private ExperienceRecorder recorder;
    private long episodeId;
    private long stepIndex;

    /**
     * @param robot              the robot, configured and activated by the caller.
     * @param observationMapping state → observation.
     * @param policy             observation → action.
     * @param actionMapping      action → joint commands.
     * @param supervisor         the safety supervisor.
     * @param reward             on-board reward, or null.
     * @param periodNs           the loop period, for rate limits.
     */
    public ControlTick(final RobotSystem robot, final ObservationMapping observationMapping, final ActionPolicy policy,
        final ActionMapping actionMapping, final SafetySupervisor supervisor, final EpisodeReward reward,
        final long periodNs) {
        this.robot = robot;
        this.observationMapping = observationMapping;
        this.policy = policy;
        this.actionMapping = actionMapping;
        this.supervisor = supervisor;
        this.reward = reward;
        this.periodS = periodNs * 1e-9;
        this.state = new RobotState(robot.spec());
        this.command = new RobotCommand(robot.spec(), actionMapping.commandModes());
        this.observation = new double[observationMapping.size()];
        this.action = new double[actionMapping.size()];
        this.previousAction = new double[actionMapping.size()];
    }

    /**
     * Records every tick from the next {@link #start(long)} on: an episode-start marker, then one step record per
     * tick (observation, the policy's action, reward, safety-fault and terminal flags). Call at wiring time.
     *
     * @param experienceRecorder the control thread's end of the experience log.
     * @param episode            the id of the episode this run records.
     */
    public void recordTo(final ExperienceRecorder experienceRecorder, final long episode) {
        this.recorder = experienceRecorder;
        this.episodeId = episode;
    }

    /**
     * Writes the episode-end marker; call after the loop has stopped (the loop thread is the recorder's only other
     * user).
     *
     * @param nowNs     the clock time.
     * @param truncated true when the run was cut by its duration, false when the episode reached a terminal state.
     */
    public void finishEpisode(final long nowNs, final boolean truncated) {
        if (recorder != null) {
            recorder.episodeEnd(nowNs, episodeId, stepIndex,
                truncated ? ExperienceRecordFlyweight.FLAG_TRUNCATED : ExperienceRecordFlyweight.FLAG_TERMINAL);
        }
    }

    /**
     * Runs the computing half of the tick (observation, policy, action mapping) on the state buffer without reading
     * or writing the robot, so the JIT has compiled it before the loop's first deadline. Call before
     * {@link #start(long)}, which re-seeds what this disturbed.
     *
     * @param iterations how many times.
     */
    public void warmUp(final int iterations) {
        for (int i = 0; i < iterations; i++) {
            observationMapping.map(state, previousAction, observation);
            policy.act(observation, action);
            actionMapping.apply(action, periodS, command);
        }
        command.clear();
    }

    /**
     * Prepares for the first tick after (re)activation: reads the state and seeds the action mapping from it, so
     * the first command starts where the robot is. Clears a latched fault: call only on purpose.
     *
     * @param nowNs the clock time.
     * @return OK, or ERROR when the state could not be read (the supervisor will fault on the first tick).
     */
    public ReturnCode start(final long nowNs) {
        supervisor.reset();
        final ReturnCode result = robot.read(nowNs, state);
        actionMapping.seedFrom(state);
        actionMapping.seededAction(previousAction);
        stepIndex = 0;
        if (recorder != null) {
            recorder.episodeStart(nowNs, episodeId);
        }
        return result;
    }

    /**
     * Seeds from the measured state when the loop starts ({@link #start(long)}), so time spent between building the
     * controller and the first tick (real-time set-up, mlockall) never leaves a stale target.
     *
     * @param startNs the loop's {@code t0}.
     */
    @Override
    public void onLoopStart(final long startNs) {
        start(startNs);
    }

    @Override
    public void onTick(final long tickStartNs, final long tickIndex) {
        final boolean readOk = robot.read(tickStartNs, state) == ReturnCode.OK;
        final boolean wasTerminated = reward != null && reward.terminated();
        final double stepReward = reward != null ? reward.onTick(state) : Double.NaN;
        final boolean terminatedNow = !wasTerminated && reward != null && reward.terminated();
        observationMapping.map(state, previousAction, observation);
        boolean healthy = supervisor.checkState(tickStartNs, readOk, state)
            && supervisor.checkObservation(observation, state);
        if (healthy) {
            policy.act(observation, action);
            healthy = supervisor.checkAction(action, state);
        }
        if (healthy) {
            actionMapping.apply(action, periodS, command);
            System.arraycopy(action, 0, previousAction, 0, action.length);
        } else {
            supervisor.writeSafeCommand(command);
        }
        if (robot.write(command) != ReturnCode.OK) {
            supervisor.reportWriteError(state);
        }
        if (recorder != null) {
            final int flags = (healthy ? 0 : ExperienceRecordFlyweight.FLAG_SAFETY_FAULT)
                | (terminatedNow ? ExperienceRecordFlyweight.FLAG_TERMINAL : 0);
            recorder.step(tickStartNs, episodeId, stepIndex++, observation, action, null, stepReward, 0.0, flags);
        }
    }

    /**
     * @return the supervisor, for fault counts.
     */
    public SafetySupervisor supervisor() {
        return supervisor;
    }

    /**
     * @return the on-board reward, or null.
     */
    public EpisodeReward reward() {
        return reward;
    }

    /**
     * @return the state read by the latest tick (for tests and summaries; not a copy).
     */
    public RobotState state() {
        return state;
    }

    /**
     * @return the command written by the latest tick (for tests; not a copy).
     */
    public RobotCommand command() {
        return command;
    }
}
