package dev.sparring.hal;

import java.util.Objects;
import java.util.Set;

/**
 * Static description of one joint: its name, kind, limits and which command modes its backend accepts.
 * Limits are in SI units of the joint's {@link JointType}; a passive joint has no actuator and accepts no command.
 *
 * @param name         unique joint name, used by description files to refer to the joint.
 * @param type         revolute or prismatic.
 * @param positionMin  lowest allowed position (rad or m); {@code Double.NEGATIVE_INFINITY} for a continuous joint.
 * @param positionMax  highest allowed position (rad or m); {@code Double.POSITIVE_INFINITY} for a continuous joint.
 * @param velocityMax  largest allowed speed magnitude (rad/s or m/s), &gt; 0.
 * @param effortMax    largest effort magnitude the actuator can produce (N·m or N), &gt; 0; 0 for a passive joint.
 * @param commandModes modes the backend accepts for this joint; empty for a passive joint.
 */
public record JointSpec(
    String name,
    JointType type,
    double positionMin,
    double positionMax,
    double velocityMax,
    double effortMax,
    Set<CommandMode> commandModes) {

    /** Validates the limits and copies the mode set. */
    public JointSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        commandModes = Set.copyOf(commandModes);
        if (name.isBlank()) {
            throw new IllegalArgumentException("joint name must not be blank");
        }
        if (Double.isNaN(positionMin) || Double.isNaN(positionMax) || !(positionMin < positionMax)) {
            throw new IllegalArgumentException("joint '" + name + "' position limits must satisfy min < max, were ["
                + positionMin + ", " + positionMax + "]");
        }
        if (!(velocityMax > 0) || Double.isInfinite(velocityMax)) {
            throw new IllegalArgumentException(
                "joint '" + name + "' max_velocity must be finite and > 0, was " + velocityMax);
        }
        if (commandModes.isEmpty() ? effortMax != 0 : !(effortMax > 0) || Double.isInfinite(effortMax)) {
            throw new IllegalArgumentException("joint '" + name + "' max_effort must be "
                + (commandModes.isEmpty() ? "0 for a passive joint" : "finite and > 0") + ", was " + effortMax);
        }
    }

    /**
     * @return whether the joint has an actuator (accepts at least one command mode).
     */
    public boolean isActuated() {
        return !commandModes.isEmpty();
    }
}
