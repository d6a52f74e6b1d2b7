package dev.sparring.controller;

import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.task.HealthyRanges;
import dev.sparring.hal.task.LocomotionReward;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The task reward the robot computes on board from what it measures, summed into an episode return for the run
 * summary and the experience log: the trainer's {@link LocomotionReward} per policy step, and its
 * {@link HealthyRanges} on named state channels, whose exit is a terminal state.
 * <p>
 * <b>Alignment.</b> A tick's reward is that of the state its read shows, the outcome of the previous tick's command:
 * a read earns only when a command of this episode led to it ({@code earns} of {@link #onTick}), so the read that
 * begins an episode earns nothing, and the read that shows a terminal state earns its step's reward (healthy reward
 * included, as Gymnasium v4 pays it) and ends the episode; later reads earn 0 until {@link #restart}.
 * <p>
 * <b>Terms of one tick</b>, with {@code P} ticks per policy step: {@code LocomotionReward.reward(v, Σ ctrl²) / P},
 * where the forward velocity {@code v} is the change of the forward channel (a position, e.g. {@code rootx.position})
 * since the previous read over the tick period, and {@code ctrl = effort / max_effort} of each action joint, the
 * effort the robot reports it applied over the tick. Summed over a step's {@code P} ticks this is the trainer's step
 * reward: the forward term telescopes to the step's displacement over the policy period (Gymnasium's
 * {@code Δx / dt}), and the healthy reward and control cost are paid once per step.
 * <p>
 * Ended episodes' returns are kept ({@link #endedEpisodes()}, {@link #endedReturn(int)}) for the run summary, up to
 * {@value #KEPT_RETURNS}; their count and sums go on beyond. Allocation-free after construction.
 */
public final class EpisodeReward {
    /** How many ended episodes' returns are kept one by one. */
    public static final int KEPT_RETURNS = 1000;

    private final String type;
    private final StateChannel forward;
    private final LocomotionReward terms;
    private final StateChannel[] healthyChannels;
    private final HealthyRanges healthy;
    private final int[] costJoints;
    private final double[] costEffortScale;
    private final double tickPeriodS;
    private final double tickShareOfStep;
    private final double[] healthValues;
    private final double[] endedReturns = new double[KEPT_RETURNS];
    private double previousForward;
    private double episodeReturn;
    private long steps;
    private boolean terminated;
    private int endedEpisodes;
    private double endedSum;
    private double endedSumOfSquares;

    /**
     * @param type            the reward's type, for the summary.
     * @param forward         the forward position channel, or null (no forward term).
     * @param terms           the weights.
     * @param healthyChannels the channels the healthy ranges apply to, in range order.
     * @param healthy         their ranges.
     * @param costJoints      the joint index of each action element (the control cost's joints).
     * @param costEffortMax   the max effort of each, the effort of one control unit.
     * @param tickPeriodS     the loop period (s), &gt; 0.
     * @param ticksPerStep    loop ticks per policy step, &gt;= 1.
     */
    public EpisodeReward(final String type, final StateChannel forward, final LocomotionReward terms,
        final StateChannel[] healthyChannels, final HealthyRanges healthy, final int[] costJoints,
        final double[] costEffortMax, final double tickPeriodS, final int ticksPerStep) {
        if (healthyChannels.length != healthy.size() || costJoints.length != costEffortMax.length) {
            throw new IllegalArgumentException("reward needs one healthy range per channel and one max effort per "
                + "joint, had " + healthyChannels.length + " channels for " + healthy.size() + " ranges and "
                + costJoints.length + " joints for " + costEffortMax.length + " efforts");
        }
        if (!(tickPeriodS > 0) || ticksPerStep < 1) {
            throw new IllegalArgumentException("reward needs a tick period > 0 and >= 1 tick per policy step, had "
                + tickPeriodS + " s and " + ticksPerStep);
        }
        this.type = type;
        this.forward = forward;
        this.terms = terms;
        this.healthyChannels = healthyChannels.clone();
        this.healthy = healthy;
        this.costJoints = costJoints.clone();
        this.costEffortScale = new double[costEffortMax.length];
        for (int i = 0; i < costEffortScale.length; i++) {
            costEffortScale[i] = 1.0 / costEffortMax[i];
        }
        this.tickPeriodS = tickPeriodS;
        this.tickShareOfStep = 1.0 / ticksPerStep;
        this.healthValues = new double[healthyChannels.length];
    }

    /**
     * Scores one read.
     *
     * @param state the state after the tick's read.
     * @param earns whether a command of this episode led to that state (false for the read that begins it).
     * @return the reward of this tick (0 when it does not earn, or once terminated).
     */
    public double onTick(final RobotState state, final boolean earns) {
        if (terminated) {
            return 0.0;
        }
        final boolean isHealthy = withinBounds(state);
        double reward = 0.0;
        final double position = forward == null ? 0.0 : forward.read(state);
        if (earns) {
            final double velocity = (position - previousForward) / tickPeriodS;
            final double[] efforts = state.efforts();
            double ctrlSquared = 0.0;
            for (int i = 0; i < costJoints.length; i++) {
                final double ctrl = efforts[costJoints[i]] * costEffortScale[i];
                ctrlSquared += ctrl * ctrl;
            }
            reward = terms.reward(velocity, ctrlSquared) * tickShareOfStep;
            steps++;
            episodeReturn += reward;
        }
        previousForward = position;
        if (!isHealthy) {
            terminated = true;
        }
        return reward;
    }

    /**
     * @param state a state.
     * @return whether every healthy channel lies inside its open range in it (false for NaN).
     */
    public boolean withinBounds(final RobotState state) {
        for (int i = 0; i < healthValues.length; i++) {
            healthValues[i] = healthyChannels[i].read(state);
        }
        return healthy.healthy(healthValues);
    }

    /**
     * Begins a new episode at the state just read: the return and step count start from 0, the episode is no longer
     * terminated, and the forward channel's reference is that state's.
     *
     * @param state the state the episode begins in.
     */
    public void restart(final RobotState state) {
        episodeReturn = 0.0;
        steps = 0;
        terminated = false;
        previousForward = forward == null ? 0.0 : forward.read(state);
    }

    /**
     * Counts the current episode's return among the ended episodes; call once when it completes (not when the run
     * cuts it short).
     */
    public void episodeEnded() {
        if (endedEpisodes < KEPT_RETURNS) {
            endedReturns[endedEpisodes] = episodeReturn;
        }
        endedEpisodes++;
        endedSum += episodeReturn;
        endedSumOfSquares += episodeReturn * episodeReturn;
    }

    /**
     * @return the sum of rewards of the current (or last) episode so far.
     */
    public double episodeReturn() {
        return episodeReturn;
    }

    /**
     * @return ticks that earned reward in the current (or last) episode.
     */
    public long steps() {
        return steps;
    }

    /**
     * @return whether the episode has terminated.
     */
    public boolean terminated() {
        return terminated;
    }

    /**
     * @return how many episodes have ended ({@link #episodeEnded()}).
     */
    public int endedEpisodes() {
        return endedEpisodes;
    }

    /**
     * @param episode an ended episode's index, below {@code min(endedEpisodes(), KEPT_RETURNS)}.
     * @return its return.
     */
    public double endedReturn(final int episode) {
        return endedReturns[episode];
    }

    /**
     * @return the mean return of the ended episodes (NaN when none has ended).
     */
    public double endedMean() {
        return endedEpisodes == 0 ? Double.NaN : endedSum / endedEpisodes;
    }

    /**
     * @return the sample standard deviation of the ended episodes' returns (NaN for fewer than two).
     */
    public double endedStd() {
        if (endedEpisodes < 2) {
            return Double.NaN;
        }
        final double mean = endedSum / endedEpisodes;
        return Math.sqrt(Math.max(0.0, (endedSumOfSquares - endedEpisodes * mean * mean) / (endedEpisodes - 1)));
    }

    /**
     * @return what the reward pays, for the run summary (e.g. {@code alive: +1 per step while rooty.position in
     *         (-0.2, 0.2)}).
     */
    public String describe() {
        final StringBuilder text = new StringBuilder(type).append(':');
        if (forward != null) {
            text.append(' ').append(terms.forwardWeight()).append(" × d(").append(forward.name()).append(")/dt");
        }
        if (terms.healthyReward() != 0.0) {
            text.append(forward == null ? " " : " + ").append(terms.healthyReward()).append(" per step");
        }
        if (terms.ctrlCostWeight() != 0.0) {
            text.append(" − ").append(terms.ctrlCostWeight()).append(" × Σ(effort/max_effort)²");
        }
        if (healthValues.length > 0) {
            text.append(", while ");
            for (int i = 0; i < healthValues.length; i++) {
                text.append(i == 0 ? "" : ", ").append(healthyChannels[i].name()).append(" in (")
                    .append(bound(healthy.low(i))).append(", ").append(bound(healthy.high(i))).append(')');
            }
        }
        return text.toString();
    }

    /** A bound to 6 significant digits, so the closed range of {@code alive} reads as the limit it was given. */
    private static String bound(final double value) {
        return Double.isInfinite(value) ? (value > 0 ? "∞" : "−∞")
            : new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
