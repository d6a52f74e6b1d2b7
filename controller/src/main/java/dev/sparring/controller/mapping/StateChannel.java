package dev.sparring.controller.mapping;

import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

/**
 * One scalar read from a {@link RobotState}, named in a description as {@code <joint>.position},
 * {@code <joint>.velocity}, {@code <joint>.effort}, {@code <sensor channel>}, optionally wrapped as
 * {@code sin(...)} or {@code cos(...)} (angles of continuous joints). Parsed once; {@link #read} allocates nothing.
 */
public final class StateChannel {
    private static final int POSITION = 0;
    private static final int VELOCITY = 1;
    private static final int EFFORT = 2;
    private static final int SENSOR = 3;
    private static final int IDENTITY = 0;
    private static final int SIN = 1;
    private static final int COS = 2;

    private final String name;
    private final int source;
    private final int index;
    private final int transform;

    private StateChannel(final String name, final int source, final int index, final int transform) {
        this.name = name;
        this.source = source;
        this.index = index;
        this.transform = transform;
    }

    /**
     * Resolves a channel name against a robot.
     *
     * @param spec the robot.
     * @param text the channel as written in the description.
     * @return the channel.
     * @throws IllegalArgumentException naming the unknown joint, field or sensor and what exists.
     */
    public static StateChannel parse(final RobotSpec spec, final String text) {
        final String trimmed = text.strip();
        int transform = IDENTITY;
        String inner = trimmed;
        if ((trimmed.startsWith("sin(") || trimmed.startsWith("cos(")) && trimmed.endsWith(")")) {
            transform = trimmed.startsWith("sin(") ? SIN : COS;
            inner = trimmed.substring(4, trimmed.length() - 1).strip();
        }
        final int sensor = spec.sensorIndex(inner);
        if (sensor >= 0) {
            return new StateChannel(trimmed, SENSOR, sensor, transform);
        }
        final int dot = inner.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("'" + text + "' is neither a sensor channel " + spec.sensorChannels()
                + " nor <joint>.position|velocity|effort");
        }
        final String jointName = inner.substring(0, dot);
        final int joint = spec.jointIndex(jointName);
        if (joint < 0) {
            throw new IllegalArgumentException("'" + text + "' names joint '" + jointName + "', which robot '"
                + spec.name() + "' does not have; joints are " + spec.jointNames());
        }
        final int source = switch (inner.substring(dot + 1)) {
            case "position" -> POSITION;
            case "velocity" -> VELOCITY;
            case "effort" -> EFFORT;
            default -> throw new IllegalArgumentException("'" + text + "' must end in .position, .velocity or .effort");
        };
        return new StateChannel(trimmed, source, joint, transform);
    }

    /**
     * @param state the current state.
     * @return this channel's value in it.
     */
    public double read(final RobotState state) {
        final double raw = switch (source) {
            case POSITION -> state.positions()[index];
            case VELOCITY -> state.velocities()[index];
            case EFFORT -> state.efforts()[index];
            default -> state.sensors()[index];
        };
        return transform == SIN ? Math.sin(raw) : transform == COS ? Math.cos(raw) : raw;
    }

    /**
     * @return the channel as written in the description.
     */
    public String name() {
        return name;
    }
}
