package dev.sparring.controller.policy;

import dev.sparring.controller.ControlConfig;
import dev.sparring.controller.Controller;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A policy that commands fixed targets whatever it observes: one layer with zero weights whose biases are the
 * targets, shaped for a robot description's {@code control} section. For bringing up hardware before any trained
 * policy exists — a servo arm held at known angles to check its calibration, a motor held at zero effort while its
 * encoder is turned by hand — and for the safe-stop paths of a robot that has no task yet.
 */
public final class HoldPolicy {
    /** The value written as the policy's {@code name}. */
    public static final String NAME = "hold";

    private HoldPolicy() {
    }

    /**
     * @param description the robot, with a {@code control} section.
     * @param targets     per action joint, its target in the action's unit (position: rad or m; velocity: per s;
     *                    effort: N·m or N); a joint not named gets 0.
     * @return the policy.
     * @throws ConfigException naming the joint and its limits when a target is outside them, or naming a joint that
     *                         is not driven by the control section's action.
     */
    public static PolicyModel design(final RobotDescription description, final Map<String, Double> targets) {
        final RobotPolicyShape shape = RobotPolicyShape.of(description);
        final ControlConfig control = shape.control();
        final RobotSpec spec = description.spec();
        final int actions = shape.actionSize();
        final float[] bias = new float[actions];
        final Set<String> driven = new HashSet<>();
        for (int k = 0; k < actions; k++) {
            final ActionTarget action = control.actionTargets().get(k);
            driven.add(action.joint());
            final double target = targets.getOrDefault(action.joint(), 0.0);
            if (!(target >= shape.actionLow(k) && target <= shape.actionHigh(k))) {
                throw new ConfigException(String.format(Locale.ROOT, "target %s for joint '%s' (%s mode) is outside "
                    + "its limits [%s, %s] in %s; give a target within them", target, action.joint(),
                    action.mode().name().toLowerCase(Locale.ROOT), shape.actionLow(k), shape.actionHigh(k),
                    description.source()));
            }
            bias[k] = (float) target;
        }
        for (final String joint : targets.keySet()) {
            if (!driven.contains(joint)) {
                throw new ConfigException("joint '" + joint + "' is not driven by control.action of " + description
                    .source() + "; the action drives " + driven);
            }
        }
        final int observations = shape.observationSize();
        final float[] ones = new float[observations];
        Arrays.fill(ones, 1.0f);
        final float[] unitScale = new float[actions];
        Arrays.fill(unitScale, 1.0f);
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", NAME);
        metadata.put(Controller.ROBOT_KEY, spec.name());
        metadata.put("kind", "constant targets " + describe(control, bias) + ", the observation ignored");
        metadata.put(Controller.RATE_KEY, String.format(Locale.ROOT, "%.1f", control.rateHz()));
        metadata.put("created_by", "sparring policy hold");
        return new PolicyModel(observations, new int[] {actions}, new Activation[] {Activation.IDENTITY},
            new float[][] {new float[actions * observations]}, new float[][] {bias}, new float[observations], ones,
            1e6f, unitScale, new float[actions], shape.actionLowFloats(), shape.actionHighFloats(), metadata);
    }

    private static String describe(final ControlConfig control, final float[] bias) {
        final StringBuilder text = new StringBuilder("{");
        for (int k = 0; k < bias.length; k++) {
            final ActionTarget action = control.actionTargets().get(k);
            text.append(k == 0 ? "" : ", ").append(action.joint()).append(' ')
                .append(action.mode().name().toLowerCase(Locale.ROOT)).append(' ').append(bias[k]);
        }
        return text.append('}').toString();
    }
}
