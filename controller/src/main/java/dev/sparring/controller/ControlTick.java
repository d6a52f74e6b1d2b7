package dev.sparring.controller;

import dev.sparring.controller.loop.TickHandler;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ObservationMapping;
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
        if (reward != null) {
            reward.onTick(state);
        }
        boolean healthy = supervisor.checkState(tickStartNs, readOk, state);
        if (healthy) {
            observationMapping.map(state, previousAction, observation);
            healthy = supervisor.checkObservation(observation, state);
        }
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
