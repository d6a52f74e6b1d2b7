package dev.sparring.hal.config;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.JointType;
import dev.sparring.hal.RobotSpec;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * A robot description file, loaded and validated once: the robot's name, its backend, its joints and sensor
 * channels ({@link #spec()}), the backend's own section, and the raw root for the sections other modules own
 * ({@code control} belongs to the controller). Field reference: {@code docs/robots.md}.
 *
 * <pre>
 * name: cartpole
 * backend: sim                      # sim | mock | mujoco | pi4j | bridge
 * joints:
 *   - name: slider
 *     type: prismatic               # revolute (default) | prismatic
 *     position_limits: [-2.4, 2.4]  # omit for a continuous joint
 *     max_velocity: 10.0
 *     max_effort: 30.0
 *     command_modes: [effort]       # or passive: true
 * sensors: []                       # extra channel names
 * sim: { ... }                      # the backend's section, named after it
 * control: { ... }                  # the controller's section
 * </pre>
 */
public final class RobotDescription {
    /** Largest description file accepted (bytes; characters for {@link #parse}). */
    public static final int MAX_FILE_BYTES = 1 << 18;
    /** Deepest nesting of mappings and lists accepted. */
    public static final int MAX_NESTING = 64;
    private static final String[] ROOT_KEYS = {"name", "backend", "joints", "sensors", "control", "sim", "mock",
        "mujoco", "pi4j", "bridge", "colearn"};
    private static final String[] JOINT_KEYS = {"name", "type", "position_limits", "max_velocity", "max_effort",
        "command_modes", "passive"};

    private final Path baseDirectory;
    private final ConfigNode root;
    private final String backend;
    private final RobotSpec spec;

    private RobotDescription(final Path baseDirectory, final ConfigNode root) {
        this.baseDirectory = baseDirectory;
        this.root = root.requireOnlyKeys(ROOT_KEYS);
        this.backend = root.string("backend");
        try {
            this.spec = new RobotSpec(root.string("name"), parseJoints(root),
                root.has("sensors") ? root.strings("sensors") : List.of());
        } catch (final IllegalArgumentException e) {
            throw root.invalid(e.getMessage());
        }
    }

    /**
     * Loads and validates a description file.
     *
     * @param file the YAML file, at most {@link #MAX_FILE_BYTES}.
     * @return the description.
     * @throws ConfigException naming the file and field when anything is missing or wrong.
     */
    public static RobotDescription load(final Path file) {
        return of(YamlDocument.load(file, MAX_FILE_BYTES, MAX_NESTING, "robot description"),
            file.toAbsolutePath().getParent());
    }

    /**
     * Loads a description file with some of its fields replaced: a variant of one robot (a fleet's robot types, a
     * heavier payload). The overrides' mappings merge into the file's key by key; any other value (a number, a list)
     * replaces the file's ({@link ConfigNode#mergedWith}). The result is validated as a whole.
     *
     * @param file      the YAML file.
     * @param overrides the fields to replace, from the root of the description.
     * @return the description.
     * @throws ConfigException naming the file and field when anything is missing or wrong.
     */
    public static RobotDescription load(final Path file, final ConfigNode overrides) {
        return of(YamlDocument.load(file, MAX_FILE_BYTES, MAX_NESTING, "robot description").mergedWith(overrides),
            file.toAbsolutePath().getParent());
    }

    /**
     * Parses a description from text (tests, bundled descriptions), with the limits of {@link #load}: at most
     * {@link #MAX_FILE_BYTES} characters and {@link #MAX_NESTING} levels of nested mappings and lists.
     *
     * @param source        a name for messages.
     * @param baseDirectory directory that relative paths in the description are resolved against.
     * @param yaml          the YAML text.
     * @return the description.
     */
    public static RobotDescription parse(final String source, final Path baseDirectory, final String yaml) {
        return of(YamlDocument.parse(source, yaml, MAX_FILE_BYTES, MAX_NESTING, "robot description"), baseDirectory);
    }

    private static RobotDescription of(final ConfigNode document, final Path baseDirectory) {
        return new RobotDescription(baseDirectory, document);
    }

    /**
     * @return the robot's joints, limits and sensor channels.
     */
    public RobotSpec spec() {
        return spec;
    }

    /**
     * @return the backend's name (found through {@link dev.sparring.hal.RobotBackends}).
     */
    public String backend() {
        return backend;
    }

    /**
     * @param name a top-level section owned by another module, e.g. {@code control}.
     * @return the section, empty when absent.
     */
    public ConfigNode section(final String name) {
        return root.childOrEmpty(name);
    }

    /**
     * @param relative a path written in the description.
     * @return the path resolved against the description file's directory.
     */
    public Path resolve(final String relative) {
        return baseDirectory.resolve(relative).normalize();
    }

    /**
     * @return the name of the file this was loaded from.
     */
    public String source() {
        return root.source();
    }

    /**
     * Builds an error about a field outside a backend's own section, for a backend that finds the joints or sensor
     * channels do not fit its hardware.
     *
     * @param fieldPath the field's path from the top level, e.g. {@code joints[1].name} or {@code sensors[0]}.
     * @param problem   what is wrong, e.g. "must be 'hinge', was 'pole'".
     * @return the exception to throw, naming the file and the field.
     */
    public ConfigException error(final String fieldPath, final String problem) {
        return root.error(fieldPath, problem);
    }

    private static List<JointSpec> parseJoints(final ConfigNode root) {
        final List<JointSpec> joints = new ArrayList<>();
        for (final ConfigNode joint : root.children("joints")) {
            joint.requireOnlyKeys(JOINT_KEYS);
            joints.add(parseJoint(joint));
        }
        if (joints.isEmpty()) {
            throw root.error("joints", "must list at least one joint");
        }
        return joints;
    }

    private static JointSpec parseJoint(final ConfigNode joint) {
        final String name = joint.string("name");
        final JointType type = switch (joint.string("type", "revolute")) {
            case "revolute" -> JointType.REVOLUTE;
            case "prismatic" -> JointType.PRISMATIC;
            default -> throw joint.error("type", "must be revolute or prismatic, was '" + joint.string("type") + "'");
        };
        double positionMin = Double.NEGATIVE_INFINITY;
        double positionMax = Double.POSITIVE_INFINITY;
        if (joint.has("position_limits")) {
            final double[] limits = joint.numbers("position_limits");
            if (limits.length != 2 || !(limits[0] < limits[1])) {
                throw joint.error("position_limits", "must be [min, max] with min < max, was "
                    + Arrays.toString(limits));
            }
            positionMin = limits[0];
            positionMax = limits[1];
        }
        final double velocityMax = joint.positiveNumber("max_velocity");
        final boolean passive = joint.bool("passive", false);
        final Set<CommandMode> modes = EnumSet.noneOf(CommandMode.class);
        double effortMax = 0;
        if (passive) {
            if (joint.has("command_modes") || joint.has("max_effort")) {
                throw joint.error("passive", "is true, so command_modes and max_effort must be absent");
            }
        } else {
            if (!joint.has("max_effort")) {
                throw joint.error("max_effort", "is required for an actuated joint (or set passive: true)");
            }
            effortMax = joint.positiveNumber("max_effort");
            final List<String> names = joint.has("command_modes") ? joint.strings("command_modes") : List.of("effort");
            for (int i = 0; i < names.size(); i++) {
                try {
                    modes.add(CommandMode.parse(names.get(i)));
                } catch (final IllegalArgumentException e) {
                    throw joint.error("command_modes[" + i + "]", e.getMessage());
                }
            }
        }
        try {
            return new JointSpec(name, type, positionMin, positionMax, velocityMax, effortMax, modes);
        } catch (final IllegalArgumentException e) {
            throw joint.invalid(e.getMessage());
        }
    }
}
