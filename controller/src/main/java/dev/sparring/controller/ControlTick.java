package dev.sparring.controller;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.controller.loop.TickHandler;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.policy.ActionPolicy;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ResettableSystem;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.ReturnCode;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One control tick, the hot path of the robot: {@code read → safety → episode → observation → safety → policy →
 * safety → action mapping (clamp, rate limit) → write → record}. A fault seen anywhere is answered with the safe
 * command in the same tick. All buffers are preallocated: a tick allocates nothing, takes no lock and throws nothing.
 * <p>
 * <b>Rates.</b> The policy is evaluated every {@code policyPeriodTicks} loop periods (its trained period over the
 * loop period) and its action is held in between: clamped and rate-limited again on every tick, while the safety
 * checks run on every tick. The schedule follows the loop's tick index (the period of each tick's deadline), not
 * the ticks run: the first tick at or after {@code policyPeriodTicks} periods since the last evaluation evaluates it,
 * so ticks the loop skipped after an overrun do not stretch a policy step.
 * <p>
 * <b>Episodes.</b> {@link #start(long)} begins an episode. It ends in the tick its state is terminal (the on-board
 * reward's bound exceeded), at the first policy evaluation at or after the episode time limit (truncated), or when
 * the run ends ({@link #finishEpisode(long)}, truncated). Then {@link EpisodeEnd} decides: the safe command (stop),
 * the policy outside an episode (hold), or the safe command until a new episode can start (restart), or, on a simulated
 * robot, a reset of its plant to a new initial state that the next read shows, where the next episode begins (reset).
 * <p>
 * <b>Recording</b> ({@code docs/formats.md}). One STEP record per policy step, i.e. per policy evaluation, written
 * when the step ends: the observation the policy saw; the action the robot executed, in action units (the mean over
 * the step's ticks of the command after clamp and rate limit, or of the safe command), flagged when it differs from
 * the policy's; the reward summed over the step's ticks (each tick's reward is that of the state its read shows, the
 * outcome of the previous tick's command, {@link EpisodeReward}); log-probability NaN (the deterministic action has
 * no density). When the policy explores ({@link ActionPolicy#lastDraw}), a step it drove records instead the action
 * the policy sampled, before any clamp, and that sample's log-probability under the policy's Gaussian, which is what
 * a learner's importance weights need; the clamped and rate-limited flags then say the robot executed something
 * else (the sample clamped to the policy's or the joint's limits, or rate-limited). A safety fault ends the step it
 * interrupts; the safe-command ticks after it form steps of their own, which record the safe command and
 * log-probability NaN.
 * <p>
 * <b>Policy updates.</b> {@link #offerPolicy} hands a prepared policy to the tick from any thread; the tick takes it
 * up when the next episode begins, never within one, and from that episode's EPISODE_START record on the records
 * carry its id and the next policy version.
 */
public final class ControlTick implements TickHandler {
    private final RobotSystem robot;
    private final ObservationMapping observationMapping;
    private final AtomicReference<PreparedPolicy> nextPolicy = new AtomicReference<>();
    private ActionPolicy policy;
    private volatile long policyId;
    private volatile int policyVersion = 1;
    private final ActionMapping actionMapping;
    private final SafetySupervisor supervisor;
    private final EpisodeReward reward;
    private final double periodS;
    private final int policyPeriodTicks;
    private final EpisodeEnd onEpisodeEnd;
    private final ResettableSystem resettable;
    private final long episodeTimeLimitNs;
    private final RobotState state;
    private final RobotCommand command;
    private final double[] observation;
    private final double[] action;
    private final double[] previousAction;
    private final double[] executedAction;
    private final double[] stepObservation;
    private final double[] stepAction;
    private final double[] drawnAction;
    private final double[] stepDrawnAction;
    private double drawLogProbability = Double.NaN;
    private double stepLogProbability = Double.NaN;
    private ExperienceRecorder recorder;
    private long nextEpisodeId;
    private long episodeId;
    private long episodes;
    private long completedEpisodes;
    private boolean inEpisode;
    private boolean commandedInEpisode;
    private boolean resetPending;
    private long episodeStartNs;
    private long stepIndex;
    private long nextPolicyTick;
    private boolean policyDroveLastTick;
    private boolean stepOpen;
    private boolean stepSafe;
    private long stepStartNs;
    private int stepTicks;
    private int stepFlags;
    private double stepReward;
    private int stepRewardReads;

    /**
     * @param robot              the robot, configured and activated by the caller.
     * @param observationMapping state → observation.
     * @param policy             observation → action.
     * @param actionMapping      action → joint commands.
     * @param supervisor         the safety supervisor.
     * @param reward             on-board reward, or null.
     * @param periodNs           the loop period, for rate limits.
     * @param policyPeriodTicks  ticks per policy evaluation, &gt;= 1.
     * @param onEpisodeEnd       what follows the end of an episode; {@link EpisodeEnd#RESET} needs a robot that is a
     *                           {@link ResettableSystem}.
     * @param episodeTimeLimitNs episode time limit, or {@link ControlConfig#NO_TIME_LIMIT}.
     */
    public ControlTick(final RobotSystem robot, final ObservationMapping observationMapping, final ActionPolicy policy,
        final ActionMapping actionMapping, final SafetySupervisor supervisor, final EpisodeReward reward,
        final long periodNs, final int policyPeriodTicks, final EpisodeEnd onEpisodeEnd,
        final long episodeTimeLimitNs) {
        if (policyPeriodTicks < 1) {
            throw new IllegalArgumentException("policyPeriodTicks must be >= 1, was " + policyPeriodTicks);
        }
        if (onEpisodeEnd == EpisodeEnd.RESET && !(robot instanceof ResettableSystem)) {
            throw new IllegalArgumentException("on_episode_end reset needs a simulated robot that can reset its plant"
                + " (backends sim and mujoco); robot '" + robot.spec().name() + "' cannot: use restart");
        }
        this.robot = robot;
        this.observationMapping = observationMapping;
        this.policy = policy;
        this.actionMapping = actionMapping;
        this.supervisor = supervisor;
        this.reward = reward;
        this.periodS = periodNs * 1e-9;
        this.policyPeriodTicks = policyPeriodTicks;
        this.onEpisodeEnd = onEpisodeEnd;
        this.resettable = onEpisodeEnd == EpisodeEnd.RESET ? (ResettableSystem) robot : null;
        this.episodeTimeLimitNs = episodeTimeLimitNs;
        this.state = new RobotState(robot.spec());
        this.command = new RobotCommand(robot.spec(), actionMapping.commandModes());
        this.observation = new double[observationMapping.size()];
        this.action = new double[actionMapping.size()];
        this.previousAction = new double[actionMapping.size()];
        this.executedAction = new double[actionMapping.size()];
        this.stepObservation = new double[observationMapping.size()];
        this.stepAction = new double[actionMapping.size()];
        this.drawnAction = new double[actionMapping.size()];
        this.stepDrawnAction = new double[actionMapping.size()];
    }

    /**
     * Sets the id the records of the policy given at construction carry. Call at wiring time.
     *
     * @param id the policy's id ({@link dev.sparring.controller.policy.PolicyWriter#id}).
     */
    public void runsPolicy(final long id) {
        this.policyId = id;
    }

    /**
     * Hands over the policy to run from the next episode on; safe from any thread. The tick takes it up when an
     * episode begins (a plain read of an atomic reference at that moment, nothing allocated or locked) and never
     * within an episode; a policy offered again before that replaces the one waiting.
     *
     * @param next a policy prepared off the control thread ({@link Controller#prepare}).
     */
    public void offerPolicy(final PreparedPolicy next) {
        nextPolicy.set(next);
    }

    /**
     * @return whether a policy offered is still waiting for an episode to begin.
     */
    public boolean policyPending() {
        return nextPolicy.get() != null;
    }

    /**
     * @return the id of the policy running (or, between episodes, that ran last); readable from any thread.
     */
    public long policyId() {
        return policyId;
    }

    /**
     * @return the policy version in the records: 1 for the first policy of the run, +1 for each one taken up.
     */
    public int policyVersion() {
        return policyVersion;
    }

    /**
     * @return the observation size the policy takes.
     */
    public int observationSize() {
        return observation.length;
    }

    /**
     * @return the action size the policy gives.
     */
    public int actionSize() {
        return action.length;
    }

    /**
     * Records from the next {@link #start(long)} on: EPISODE_START and EPISODE_END markers around each episode, and
     * one STEP record per policy step (see the class comment). Call at wiring time, with a recorder made for the
     * policy given at construction (its id, policy version 1); the tick sets both when it takes up a new policy.
     *
     * @param experienceRecorder the control thread's end of the experience log.
     * @param firstEpisodeId     the id of the first episode this run records; each later episode takes the next id.
     */
    public void recordTo(final ExperienceRecorder experienceRecorder, final long firstEpisodeId) {
        this.recorder = experienceRecorder;
        this.nextEpisodeId = firstEpisodeId;
    }

    /**
     * Ends the episode in progress, if any, as truncated: its last step carries the truncated flag and the
     * EPISODE_END marker follows. Call after the loop has stopped (the loop thread is the recorder's only other user).
     *
     * @param nowNs the clock time.
     */
    public void finishEpisode(final long nowNs) {
        if (inEpisode) {
            endEpisode(nowNs, ExperienceRecordFlyweight.FLAG_TRUNCATED, false);
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
            actionMapping.actionOf(command, executedAction);
        }
        command.clear();
    }

    /**
     * Prepares for the first tick after (re)activation and begins an episode: brings back a robot that an error left
     * INACTIVE or UNCONFIGURED ({@link RobotSystem}: configured and activated again), reads the state and seeds the
     * action mapping from it, so the first command starts where the robot is, never at a stale target. Clears a
     * latched fault: call only on purpose. An episode still in progress ends first, truncated.
     *
     * @param nowNs the clock time.
     * @return OK, or ERROR when the robot could not be activated or its state read (the supervisor will fault on the
     *         first tick).
     */
    public ReturnCode start(final long nowNs) {
        finishEpisode(nowNs);
        supervisor.reset();
        if (robot.lifecycleState() == LifecycleState.UNCONFIGURED) {
            robot.configure();
        }
        if (robot.lifecycleState() == LifecycleState.INACTIVE) {
            robot.activate();
        }
        final ReturnCode result = robot.read(nowNs, state);
        policyDroveLastTick = false;
        beginEpisode(nowNs);
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
        resetPending = false;
        boolean healthy = supervisor.checkState(tickStartNs, readOk, state);
        boolean due = tickIndex >= nextPolicyTick;
        if (inEpisode) {
            endEpisodeIfOver(tickStartNs, due);
        }
        if (!inEpisode && (onEpisodeEnd == EpisodeEnd.RESTART || onEpisodeEnd == EpisodeEnd.RESET) && !resetPending
            && !supervisor.isFaulted() && (reward == null || reward.withinBounds(state))) {
            beginEpisode(tickStartNs);
            due = true;
        }
        if (due) {
            nextPolicyTick = tickIndex + policyPeriodTicks;
        }
        observationMapping.map(state, previousAction, observation);
        healthy = healthy && supervisor.checkObservation(observation, state);
        final boolean policyDrives = inEpisode || onEpisodeEnd == EpisodeEnd.HOLD;
        if (healthy && policyDrives && due) {
            policy.act(observation, action);
            drawLogProbability = policy.lastDraw(drawnAction);
            healthy = supervisor.checkAction(action, state);
        }
        final boolean driven = healthy && policyDrives;
        int changes = 0;
        if (driven) {
            changes = actionMapping.apply(action, periodS, command);
            System.arraycopy(action, 0, previousAction, 0, action.length);
        } else {
            supervisor.writeSafeCommand(command);
        }
        if (robot.write(command) != ReturnCode.OK) {
            supervisor.reportWriteError(state);
        }
        policyDroveLastTick = driven;
        if (inEpisode) {
            commandedInEpisode = true;
            recordTick(tickStartNs, due, !driven, changes);
        }
    }

    /**
     * Scores the state just read for the open step and ends the episode when it is terminal or, at a policy step
     * boundary, past its time limit.
     */
    private void endEpisodeIfOver(final long tickStartNs, final boolean due) {
        if (reward != null) {
            final boolean wasTerminated = reward.terminated();
            final double tickReward = reward.onTick(state, commandedInEpisode);
            if (stepOpen) {
                stepReward += tickReward;
                stepRewardReads++;
            }
            if (!wasTerminated && reward.terminated()) {
                endEpisode(tickStartNs, ExperienceRecordFlyweight.FLAG_TERMINAL, true);
                return;
            }
        }
        if (due && tickStartNs - episodeStartNs >= episodeTimeLimitNs) {
            endEpisode(tickStartNs, ExperienceRecordFlyweight.FLAG_TRUNCATED, true);
        }
    }

    private void beginEpisode(final long nowNs) {
        if (nextPolicy.get() != null) {
            takeUp(nextPolicy.getAndSet(null));
        }
        if (!policyDroveLastTick) {
            actionMapping.seedFrom(state);
            actionMapping.seededAction(previousAction);
        }
        if (reward != null) {
            reward.restart(state);
        }
        inEpisode = true;
        commandedInEpisode = false;
        episodes++;
        episodeId = nextEpisodeId++;
        episodeStartNs = nowNs;
        stepIndex = 0;
        stepOpen = false;
        nextPolicyTick = Long.MIN_VALUE;
        if (recorder != null) {
            recorder.episodeStart(nowNs, episodeId);
        }
    }

    private void takeUp(final PreparedPolicy next) {
        policy = next.executor();
        policyId = next.id();
        policyVersion++;
        drawLogProbability = Double.NaN;
        if (recorder != null) {
            recorder.policy(policyId, policyVersion);
        }
    }

    /**
     * @param completed whether the episode ended on its own terms (terminal state or time limit), not by the run's
     *                  end: only completed episodes count in {@link #completedEpisodes()} and the reward's statistics,
     *                  and only they are followed by a reset.
     */
    private void endEpisode(final long nowNs, final int endFlag, final boolean completed) {
        if (stepOpen) {
            emitStep(endFlag);
        }
        if (recorder != null) {
            recorder.episodeEnd(nowNs, episodeId, stepIndex, endFlag);
        }
        inEpisode = false;
        if (onEpisodeEnd != EpisodeEnd.HOLD) {
            supervisor.holdAt(state);
        }
        if (!completed) {
            return;
        }
        completedEpisodes++;
        if (reward != null) {
            reward.episodeEnded();
        }
        if (resettable != null) {
            resettable.resetForNextEpisode();
            resetPending = true;
        }
    }

    /**
     * Adds this tick's executed command to the open step, first ending that step at a policy evaluation or when the
     * command's source changes (policy to safe command).
     */
    private void recordTick(final long tickStartNs, final boolean due, final boolean safe, final int changes) {
        if (stepOpen && (due || safe != stepSafe)) {
            emitStep(0);
        }
        if (!stepOpen) {
            stepOpen = true;
            stepSafe = safe;
            stepStartNs = tickStartNs;
            stepTicks = 0;
            stepFlags = 0;
            stepReward = 0.0;
            stepRewardReads = 0;
            System.arraycopy(observation, 0, stepObservation, 0, observation.length);
            openDraw(safe);
        }
        actionMapping.actionOf(command, executedAction);
        stepTicks++;
        for (int i = 0; i < stepAction.length; i++) {
            stepAction[i] = stepTicks == 1 ? executedAction[i]
                : stepAction[i] + (executedAction[i] - stepAction[i]) / stepTicks;
        }
        stepFlags |= (safe ? ExperienceRecordFlyweight.FLAG_SAFETY_FAULT : 0)
            | ((changes & ActionMapping.CLAMPED) != 0 ? ExperienceRecordFlyweight.FLAG_ACTION_CLAMPED : 0)
            | ((changes & ActionMapping.RATE_LIMITED) != 0 ? ExperienceRecordFlyweight.FLAG_ACTION_RATE_LIMITED : 0);
    }

    /**
     * A step the exploring policy drives records its latest sample (the action held) and that sample's
     * log-probability, flagged clamped when the policy's limits changed it; any other step, NaN.
     */
    private void openDraw(final boolean safe) {
        stepLogProbability = safe ? Double.NaN : drawLogProbability;
        if (Double.isNaN(stepLogProbability)) {
            return;
        }
        System.arraycopy(drawnAction, 0, stepDrawnAction, 0, drawnAction.length);
        for (int i = 0; i < drawnAction.length; i++) {
            if (drawnAction[i] != action[i]) {
                stepFlags |= ExperienceRecordFlyweight.FLAG_ACTION_CLAMPED;
            }
        }
    }

    private void emitStep(final int extraFlags) {
        if (recorder != null) {
            final double recordedReward = reward == null || stepRewardReads == 0 ? Double.NaN : stepReward;
            final boolean sampled = !Double.isNaN(stepLogProbability);
            recorder.step(stepStartNs, episodeId, stepIndex, stepObservation, sampled ? stepDrawnAction : stepAction,
                null, recordedReward, stepLogProbability, stepFlags | extraFlags);
        }
        stepIndex++;
        stepOpen = false;
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
     * @return episodes begun so far.
     */
    public long episodes() {
        return episodes;
    }

    /**
     * @return episodes completed so far: ended by a terminal state or the time limit, not by the run's end.
     */
    public long completedEpisodes() {
        return completedEpisodes;
    }

    /**
     * @return whether an episode is in progress.
     */
    public boolean inEpisode() {
        return inEpisode;
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
