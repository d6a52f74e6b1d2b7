package dev.sparring.hal.safety;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.RobotSpec;

/**
 * A robot's joint limits copied into flat arrays once, so per-tick checks and clamps touch no objects.
 * Checks return the index of the first offending joint, or {@link #NONE}.
 */
public final class JointLimits {
    /** Returned by the checks when every joint is within its limits. */
    public static final int NONE = -1;

    private final double[] positionMin;
    private final double[] positionMax;
    private final double[] velocityMax;
    private final double[] effortMax;

    /**
     * @param spec the robot whose limits to copy.
     */
    public JointLimits(final RobotSpec spec) {
        final int n = spec.jointCount();
        positionMin = new double[n];
        positionMax = new double[n];
        velocityMax = new double[n];
        effortMax = new double[n];
        for (int i = 0; i < n; i++) {
            final JointSpec joint = spec.joints().get(i);
            positionMin[i] = joint.positionMin();
            positionMax[i] = joint.positionMax();
            velocityMax[i] = joint.velocityMax();
            effortMax[i] = joint.effortMax();
        }
    }

    /**
     * Finds a joint outside its position or velocity limits, widened by a tolerance.
     *
     * @param positions          measured positions by joint.
     * @param velocities         measured velocities by joint.
     * @param positionMargin     tolerance added outside each position limit (rad or m), &gt;= 0.
     * @param velocityMarginRatio tolerance on speed as a fraction of the limit (0.1 = 10 % over), &gt;= 0.
     * @return the first offending joint index, or {@link #NONE}.
     */
    public int firstViolation(final double[] positions, final double[] velocities, final double positionMargin,
        final double velocityMarginRatio) {
        final int n = positionMin.length;
        for (int i = 0; i < n; i++) {
            final double position = positions[i];
            if (position < positionMin[i] - positionMargin || position > positionMax[i] + positionMargin) {
                return i;
            }
            if (Math.abs(velocities[i]) > velocityMax[i] * (1.0 + velocityMarginRatio)) {
                return i;
            }
        }
        return NONE;
    }

    /**
     * Clamps a command value to what the joint accepts in a mode.
     *
     * @param joint joint index.
     * @param mode  the command mode.
     * @param value the requested value.
     * @return the value clamped to the joint's effort, position or velocity limits.
     */
    public double clamp(final int joint, final CommandMode mode, final double value) {
        return switch (mode) {
            case EFFORT -> clamp(value, -effortMax[joint], effortMax[joint]);
            case POSITION -> clamp(value, positionMin[joint], positionMax[joint]);
            case VELOCITY -> clamp(value, -velocityMax[joint], velocityMax[joint]);
        };
    }

    /**
     * @param value a value.
     * @param low   lower bound.
     * @param high  upper bound, &gt;= low.
     * @return value limited to [low, high]; NaN stays NaN, so the safety check still sees it.
     */
    public static double clamp(final double value, final double low, final double high) {
        return value < low ? low : value > high ? high : value;
    }
}
