package dev.sparring.controller.mapping;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.safety.JointLimits;
import dev.sparring.hal.safety.RateLimiter;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the policy's action (already scaled to physical units by the policy file) into joint commands: each
 * element is clamped to its joint's limits for its mode, then rate-limited. Joints no action element drives get
 * NaN ("no command": the backend holds zero effort). Allocation-free per tick.
 */
public final class ActionMapping {
    /** {@link #apply} result bit: an element was clamped to its joint's limits. */
    public static final int CLAMPED = 1;
    /** {@link #apply} result bit: an element was held back by its rate limit. */
    public static final int RATE_LIMITED = 1 << 1;

    private final int[] jointIndex;
    private final CommandMode[] modes;
    private final CommandMode[] commandModes;
    private final JointLimits limits;
    private final RateLimiter rateLimiter;

    /**
     * @param spec    the robot.
     * @param targets one target per action element, in action order.
     * @throws IllegalArgumentException when a joint is unknown, passive, driven twice, or lacks the mode.
     */
    public ActionMapping(final RobotSpec spec, final List<ActionTarget> targets) {
        final int size = targets.size();
        jointIndex = new int[size];
        modes = new CommandMode[size];
        commandModes = new CommandMode[spec.jointCount()];
        Arrays.fill(commandModes, CommandMode.EFFORT);
        final double[] rates = new double[size];
        for (int i = 0; i < size; i++) {
            final ActionTarget target = targets.get(i);
            final int joint = spec.jointIndex(target.joint());
            if (joint < 0) {
                throw new IllegalArgumentException("action[" + i + "] names joint '" + target.joint()
                    + "', which does not exist; joints are " + spec.jointNames());
            }
            final JointSpec jointSpec = spec.joints().get(joint);
            if (!jointSpec.commandModes().contains(target.mode())) {
                throw new IllegalArgumentException("action[" + i + "] drives joint '" + target.joint() + "' in mode "
                    + target.mode() + ", but it accepts " + jointSpec.commandModes());
            }
            for (int j = 0; j < i; j++) {
                if (jointIndex[j] == joint) {
                    throw new IllegalArgumentException("action[" + i + "] drives joint '" + target.joint()
                        + "' already driven by action[" + j + "]");
                }
            }
            jointIndex[i] = joint;
            modes[i] = target.mode();
            commandModes[joint] = target.mode();
            rates[i] = target.maxRatePerS();
        }
        limits = new JointLimits(spec);
        rateLimiter = new RateLimiter(rates);
    }

    /**
     * @return the number of action elements.
     */
    public int size() {
        return jointIndex.length;
    }

    /**
     * @return the command mode of every joint, for creating the {@link RobotCommand}.
     */
    public CommandMode[] commandModes() {
        return commandModes.clone();
    }

    /**
     * Seeds the rate limiter from the measured state so the first command continues from where the robot is:
     * position targets start at the measured position, velocity targets at the measured velocity, efforts at 0.
     *
     * @param state the measured state.
     */
    public void seedFrom(final RobotState state) {
        for (int i = 0; i < jointIndex.length; i++) {
            final int joint = jointIndex[i];
            rateLimiter.reset(i, switch (modes[i]) {
                case POSITION -> state.positions()[joint];
                case VELOCITY -> state.velocities()[joint];
                case EFFORT -> 0.0;
            });
        }
    }

    /**
     * Copies the values the rate limiter was seeded with, i.e. the action that would hold the seeded state.
     *
     * @param action output, of length {@link #size()}.
     */
    public void seededAction(final double[] action) {
        for (int i = 0; i < jointIndex.length; i++) {
            action[i] = rateLimiter.last(i);
        }
    }

    /**
     * Writes the command for an action.
     *
     * @param action  the policy's action (physical units).
     * @param dtS     control period (s), for the rate limit.
     * @param command the command to fill; joints not driven get NaN.
     * @return {@link #CLAMPED} and/or {@link #RATE_LIMITED} when the command differs from the action for that
     *         reason, 0 when the command is the action.
     */
    public int apply(final double[] action, final double dtS, final RobotCommand command) {
        final double[] values = command.values();
        Arrays.fill(values, Double.NaN);
        final int size = jointIndex.length;
        int changes = 0;
        for (int i = 0; i < size; i++) {
            final int joint = jointIndex[i];
            final double clamped = limits.clamp(joint, modes[i], action[i]);
            final double limited = rateLimiter.limit(i, clamped, dtS);
            values[joint] = limited;
            changes |= (clamped != action[i] ? CLAMPED : 0) | (limited != clamped ? RATE_LIMITED : 0);
        }
        return changes;
    }

    /**
     * Reads a command back in action units: element i is the value commanded to the joint action element i drives
     * (the units are the same; NaN where that joint got no command).
     *
     * @param command a command, e.g. the one written this tick (by {@link #apply} or as the safe command).
     * @param action  output, of length {@link #size()}.
     */
    public void actionOf(final RobotCommand command, final double[] action) {
        final double[] values = command.values();
        for (int i = 0; i < jointIndex.length; i++) {
            action[i] = values[jointIndex[i]];
        }
    }
}
