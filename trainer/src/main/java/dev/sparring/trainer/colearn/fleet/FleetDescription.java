package dev.sparring.trainer.colearn.fleet;

import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.config.YamlDocument;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.env.Tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated fleet's robots: one robot description, a {@code common} set of fields every robot takes, and named
 * robot types, each a set of fields replacing the description's ({@link RobotDescription#load(Path, ConfigNode)}).
 * A fleet's robots are dealt the types in equal numbers (as equal as the count allows), in an order shuffled by the
 * run's seed ({@link #assignTypes}), so that a supervisor's block holds a random mix; the type is hidden from the
 * learners. Every type's robot is built (and shut down) when the file is loaded, so a mistake is reported before any
 * robot runs.
 *
 * <pre>
 * robot: ../inverted_pendulum.yaml
 * task: inverted_pendulum
 * common: {control: {rate_hz: 25, exploration: {mode: sample}}}
 * types:
 *   nominal: {}
 *   reversed: {sim: {actuators: {slider: {wiring: reversed}}}}
 * </pre>
 *
 * @param file      the fleet file.
 * @param robotFile the robot description every robot starts from.
 * @param task      the trainer task whose observation, action scale and step the learners use.
 * @param typeNames the robot types' names, in file order.
 * @param types     each type's fields (the common ones with the type's merged in).
 */
public record FleetDescription(Path file, Path robotFile, String task, List<String> typeNames,
                               List<ConfigNode> types) {
    /** Largest fleet file accepted (bytes). */
    public static final int MAX_FILE_BYTES = 1 << 16;
    private static final int MAX_NESTING = 32;

    /** Copies the lists. */
    public FleetDescription {
        typeNames = List.copyOf(typeNames);
        types = List.copyOf(types);
    }

    /**
     * Loads and validates a fleet file.
     *
     * @param file the YAML file.
     * @return the fleet.
     * @throws ConfigException naming the file and field when anything is missing or wrong, including in a type's
     *                         robot description.
     */
    public static FleetDescription load(final Path file) {
        final ConfigNode root = YamlDocument.load(file, MAX_FILE_BYTES, MAX_NESTING, "fleet description")
            .requireOnlyKeys("robot", "task", "common", "types");
        final Path base = file.toAbsolutePath().getParent();
        final Path robotFile = base.resolve(root.string("robot")).normalize();
        if (!Files.isRegularFile(robotFile)) {
            throw root.error("robot", "names " + robotFile + ", which is not a file");
        }
        final String task;
        try {
            task = Tasks.canonicalName(root.string("task"));
        } catch (final IllegalArgumentException e) {
            throw root.error("task", e.getMessage());
        }
        final ConfigNode common = root.childOrEmpty("common");
        final ConfigNode types = root.child("types");
        if (types.keys().isEmpty()) {
            throw root.error("types", "must name at least one robot type");
        }
        final List<String> names = new ArrayList<>(types.keys());
        final List<ConfigNode> fields = new ArrayList<>();
        for (final String name : names) {
            final ConfigNode type = common.mergedWith(types.child(name));
            final RobotSystem robot = RobotBackends.create(RobotDescription.load(robotFile, type));
            robot.close();
            fields.add(type);
        }
        return new FleetDescription(file, robotFile, task, names, fields);
    }

    /**
     * The description of one robot of the fleet: its type's, with its own seed for the simulation's noise (reset
     * states, sensor noise), so that no two robots live the same episodes.
     *
     * @param typeIndex the robot's type.
     * @param seed      its simulation seed.
     * @return the description.
     */
    public RobotDescription robot(final int typeIndex, final long seed) {
        final ConfigNode type = types.get(typeIndex);
        final String backend = RobotDescription.load(robotFile, type).backend();
        final ConfigNode own = new ConfigNode(file.toString(), "", Map.of(backend, Map.of("seed", seed)));
        return RobotDescription.load(robotFile, type.mergedWith(own));
    }

    /**
     * @param count how many types to keep, from the first.
     * @return this fleet with only its first {@code count} types.
     * @throws IllegalArgumentException when count is not in [1, types].
     */
    public FleetDescription firstTypes(final int count) {
        if (count < 1 || count > types.size()) {
            throw new IllegalArgumentException("--types must be in [1, " + types.size() + "] (" + file + " has "
                + typeNames + "), was " + count);
        }
        return new FleetDescription(file, robotFile, task, typeNames.subList(0, count), types.subList(0, count));
    }

    /**
     * Deals the types to a fleet's robots: type {@code i mod types} to the i-th robot of a seeded permutation, so each
     * type has {@code robots / types} robots (one more for the first {@code robots mod types} types).
     *
     * @param robots the fleet's size.
     * @param seed   the run's seed.
     * @return each robot's type.
     */
    public int[] assignTypes(final int robots, final long seed) {
        final int[] order = new int[robots];
        for (int i = 0; i < robots; i++) {
            order[i] = i;
        }
        final SplitMix64 random = new SplitMix64(seed);
        for (int i = robots - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        final int[] type = new int[robots];
        for (int i = 0; i < robots; i++) {
            type[order[i]] = i % types.size();
        }
        return type;
    }
}
