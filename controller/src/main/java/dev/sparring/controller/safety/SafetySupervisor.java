package dev.sparring.controller.safety;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.safety.JointLimits;

/**
 * Watches every tick and forces a safe command when something is wrong: a failed read or write, stale sensor data,
 * non-finite observations or actions, a joint outside its limits, or a stalled loop (watchdog). The first fault
 * latches: from then on every tick gets the safe command, in the same tick the fault was seen, until
 * {@link #reset()} is called explicitly. Each latch is counted by cause. Allocation-free; no exceptions.
 * <p>
 * <b>Watchdog.</b> The gap between two tick starts may not exceed {@link SafetyConfig#watchdogNs()}. The watchdog is
 * armed by the second tick after a {@link #reset()}: the first tick after (re)start runs the robot's read and write
 * paths for the first time, and its cost (class loading, compilation, the loop's first idle) is warm-up, not a
 * stalled loop. From the second tick on every gap counts.
 */
public final class SafetySupervisor {
    private static final long NO_TICK = Long.MIN_VALUE;

    private final SafetyConfig config;
    private final JointLimits limits;
    private final boolean[] actuated;
    private final long[] faultCounts = new long[FaultCause.values().length];
    private final double[] holdPositions;
    private FaultCause latched;
    private long lastSampleSequence = -1;
    private int ticksWithoutSample;
    private long lastTickStartNs = NO_TICK;
    private boolean watchdogArmed;

    /**
     * @param spec   the robot.
     * @param config the supervisor's settings.
     */
    public SafetySupervisor(final RobotSpec spec, final SafetyConfig config) {
        this.config = config;
        this.limits = new JointLimits(spec);
        this.actuated = new boolean[spec.jointCount()];
        for (int i = 0; i < actuated.length; i++) {
            actuated[i] = spec.joints().get(i).isActuated();
        }
        this.holdPositions = new double[spec.jointCount()];
    }

    /**
     * Checks the loop's timing and the freshly read state. Call once per tick after the read.
     *
     * @param tickStartNs    start time of this tick.
     * @param readSucceeded  whether the robot's read returned OK.
     * @param state          the state just read.
     * @return true when the tick may proceed to the policy; false when faulted (latched now or before).
     */
    public boolean checkState(final long tickStartNs, final boolean readSucceeded, final RobotState state) {
        final long previousTickNs = lastTickStartNs;
        lastTickStartNs = tickStartNs;
        if (watchdogArmed && tickStartNs - previousTickNs > config.watchdogNs()) {
            latch(FaultCause.WATCHDOG, state);
        }
        watchdogArmed = previousTickNs != NO_TICK;
        if (!readSucceeded) {
            latch(FaultCause.READ_ERROR, state);
        }
        if (state.sampleSequence() == lastSampleSequence) {
            if (++ticksWithoutSample > config.staleTicks()) {
                latch(FaultCause.STALE_SENSOR, state);
            }
        } else {
            lastSampleSequence = state.sampleSequence();
            ticksWithoutSample = 0;
        }
        if (limits.firstViolation(state.positions(), state.velocities(), config.positionMarginRad(),
            config.velocityMarginRatio()) != JointLimits.NONE) {
            latch(FaultCause.LIMIT_VIOLATION, state);
        }
        return latched == null;
    }

    /**
     * @param observation the observation built from the state.
     * @param state       the state, remembered as the hold target if this latches.
     * @return true when every value is finite and nothing is latched.
     */
    public boolean checkObservation(final double[] observation, final RobotState state) {
        if (!allFinite(observation)) {
            latch(FaultCause.NON_FINITE_OBSERVATION, state);
        }
        return latched == null;
    }

    /**
     * @param action the policy's action.
     * @param state  the state, remembered as the hold target if this latches.
     * @return true when every value is finite and nothing is latched.
     */
    public boolean checkAction(final double[] action, final RobotState state) {
        if (!allFinite(action)) {
            latch(FaultCause.NON_FINITE_ACTION, state);
        }
        return latched == null;
    }

    /**
     * Reports that the robot's write failed.
     *
     * @param state the last state.
     */
    public void reportWriteError(final RobotState state) {
        latch(FaultCause.WRITE_ERROR, state);
    }

    /**
     * Remembers the measured positions as the target of a {@link SafeCommandPolicy#HOLD} safe command without
     * latching a fault: for a commanded stop (the episode ended and the robot is to stop where it is). A fault that
     * latches later replaces them with the positions measured then.
     *
     * @param state the state to hold.
     */
    public void holdAt(final RobotState state) {
        System.arraycopy(state.positions(), 0, holdPositions, 0, holdPositions.length);
    }

    /**
     * Overwrites {@code command} with the safe command.
     *
     * @param command the command to overwrite; its modes decide what "safe" means per joint.
     */
    public void writeSafeCommand(final RobotCommand command) {
        final double[] values = command.values();
        for (int i = 0; i < values.length; i++) {
            if (!actuated[i]) {
                values[i] = Double.NaN;
                continue;
            }
            final CommandMode mode = command.mode(i);
            if (mode == CommandMode.POSITION) {
                values[i] = config.safeCommand() == SafeCommandPolicy.HOLD ? holdPositions[i] : Double.NaN;
            } else {
                values[i] = 0.0;
            }
        }
    }

    /**
     * Overwrites {@code command} with the safe command for an orderly stop (a signal, the end of a run): as
     * {@link #writeSafeCommand(RobotCommand)}, but without a latched fault the position-mode joints hold the last
     * measured positions. Latches nothing and counts no fault.
     *
     * @param lastState the state the last tick read.
     * @param command   the command to overwrite.
     */
    public void writeStopCommand(final RobotState lastState, final RobotCommand command) {
        if (latched == null) {
            System.arraycopy(lastState.positions(), 0, holdPositions, 0, holdPositions.length);
        }
        writeSafeCommand(command);
    }

    /**
     * @return whether a fault is latched.
     */
    public boolean isFaulted() {
        return latched != null;
    }

    /**
     * @return the cause of the latched fault, or null.
     */
    public FaultCause latchedCause() {
        return latched;
    }

    /**
     * @param cause a cause.
     * @return how many times a fault with that cause latched.
     */
    public long faultCount(final FaultCause cause) {
        return faultCounts[cause.ordinal()];
    }

    /**
     * @return how many faults latched in total.
     */
    public long totalFaults() {
        long total = 0;
        for (int i = 0; i < faultCounts.length; i++) {
            total += faultCounts[i];
        }
        return total;
    }

    /**
     * Clears the latch: the only way out of a fault. Also restarts stale-sample and watchdog tracking, so a robot
     * re-activated after a pause is not faulted again for the pause itself, nor for the first tick after it.
     */
    public void reset() {
        latched = null;
        ticksWithoutSample = 0;
        lastSampleSequence = -1;
        lastTickStartNs = NO_TICK;
        watchdogArmed = false;
    }

    private void latch(final FaultCause cause, final RobotState state) {
        if (latched != null) {
            return;
        }
        latched = cause;
        faultCounts[cause.ordinal()]++;
        System.arraycopy(state.positions(), 0, holdPositions, 0, holdPositions.length);
    }

    private static boolean allFinite(final double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
