package dev.sparring.hal;

import java.util.Arrays;

/**
 * Command for every joint of a robot, passed to {@link RobotSystem#write(RobotCommand)} each tick. The mode of each
 * joint is fixed when the command is created (from the robot description); values are preallocated and reused.
 * A value of {@code NaN} means "no command yet": backends then hold their safe state for that joint.
 */
public final class RobotCommand {
    private final CommandMode[] modes;
    private final double[] values;

    /**
     * @param spec  the robot; fixes the number of joints.
     * @param modes the command mode of each joint by index (ignored for passive joints).
     * @throws IllegalArgumentException when the array size is wrong or a joint does not support its mode.
     */
    public RobotCommand(final RobotSpec spec, final CommandMode[] modes) {
        if (modes.length != spec.jointCount()) {
            throw new IllegalArgumentException("robot '" + spec.name() + "' has " + spec.jointCount()
                + " joints but " + modes.length + " command modes were given");
        }
        for (int i = 0; i < modes.length; i++) {
            final JointSpec joint = spec.joints().get(i);
            if (joint.isActuated() && !joint.commandModes().contains(modes[i])) {
                throw new IllegalArgumentException("joint '" + joint.name() + "' does not support command mode "
                    + modes[i] + "; it supports " + joint.commandModes());
            }
        }
        this.modes = modes.clone();
        this.values = new double[modes.length];
        Arrays.fill(values, Double.NaN);
    }

    /**
     * Creates a command in effort mode for every joint.
     *
     * @param spec the robot.
     * @return a command whose values are all NaN.
     */
    public static RobotCommand effort(final RobotSpec spec) {
        final CommandMode[] modes = new CommandMode[spec.jointCount()];
        Arrays.fill(modes, CommandMode.EFFORT);
        return new RobotCommand(spec, modes);
    }

    /**
     * @param jointIndex joint index.
     * @return the joint's command mode.
     */
    public CommandMode mode(final int jointIndex) {
        return modes[jointIndex];
    }

    /**
     * @return command values by joint index (unit as the joint's mode); the backing array, written by the caller.
     */
    public double[] values() {
        return values;
    }

    /**
     * Sets every value to NaN ("no command").
     */
    public void clear() {
        Arrays.fill(values, Double.NaN);
    }
}
