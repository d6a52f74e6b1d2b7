package dev.sparring.controller.policy;

import dev.sparring.controller.ControlConfig;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

/**
 * What a robot description's {@code control} section asks of a policy: the observation size (its channels, plus the
 * previous action when it is fed back), the action size, and each action's range in its unit — the driven joint's
 * position limits, ±its maximum velocity or ±its maximum effort, by the action's command mode. For the tools that make
 * a policy for a robot ({@code policy hold}, {@code policy import}).
 */
public final class RobotPolicyShape {
    private final ControlConfig control;
    private final JointSpec[] joints;
    private final int observationSize;

    private RobotPolicyShape(final ControlConfig control, final JointSpec[] joints, final int observationSize) {
        this.control = control;
        this.joints = joints;
        this.observationSize = observationSize;
    }

    /**
     * @param description the robot, with a {@code control} section.
     * @return its policy shape.
     * @throws ConfigException naming the action whose joint the robot does not have.
     */
    public static RobotPolicyShape of(final RobotDescription description) {
        final ControlConfig control = ControlConfig.from(description);
        final RobotSpec spec = description.spec();
        final int actions = control.actionTargets().size();
        final JointSpec[] joints = new JointSpec[actions];
        for (int k = 0; k < actions; k++) {
            final ActionTarget action = control.actionTargets().get(k);
            final int index = spec.jointIndex(action.joint());
            if (index < 0) {
                throw new ConfigException(description.source() + ": control.action[" + k + "] names joint '"
                    + action.joint() + "', which robot '" + spec.name() + "' does not have");
            }
            joints[k] = spec.joints().get(index);
        }
        final int observations = control.observationChannels().size()
            + (control.previousActionInObservation() ? actions : 0);
        return new RobotPolicyShape(control, joints, observations);
    }

    /**
     * @return the robot's control section.
     */
    public ControlConfig control() {
        return control;
    }

    /**
     * @return the observation size a policy for this robot takes.
     */
    public int observationSize() {
        return observationSize;
    }

    /**
     * @return the action size a policy for this robot gives.
     */
    public int actionSize() {
        return joints.length;
    }

    /**
     * @param k an action element.
     * @return its lower limit in its unit (may be −infinity, e.g. a continuous joint's position).
     */
    public double actionLow(final int k) {
        return range(k)[0];
    }

    /**
     * @param k an action element.
     * @return its upper limit in its unit (may be +infinity).
     */
    public double actionHigh(final int k) {
        return range(k)[1];
    }

    /**
     * @return per action element, its lower limit as a policy file stores it (an infinite one as −Float.MAX_VALUE).
     */
    public float[] actionLowFloats() {
        final float[] low = new float[joints.length];
        for (int k = 0; k < low.length; k++) {
            low[k] = (float) Math.max(actionLow(k), -Float.MAX_VALUE);
        }
        return low;
    }

    /**
     * @return per action element, its upper limit as a policy file stores it (an infinite one as Float.MAX_VALUE).
     */
    public float[] actionHighFloats() {
        final float[] high = new float[joints.length];
        for (int k = 0; k < high.length; k++) {
            high[k] = (float) Math.min(actionHigh(k), Float.MAX_VALUE);
        }
        return high;
    }

    private double[] range(final int k) {
        final JointSpec joint = joints[k];
        final CommandMode mode = control.actionTargets().get(k).mode();
        return switch (mode) {
            case POSITION -> new double[] {joint.positionMin(), joint.positionMax()};
            case VELOCITY -> new double[] {-joint.velocityMax(), joint.velocityMax()};
            case EFFORT -> new double[] {-joint.effortMax(), joint.effortMax()};
        };
    }
}
