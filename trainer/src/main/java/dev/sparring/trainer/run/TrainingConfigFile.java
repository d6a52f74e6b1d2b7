package dev.sparring.trainer.run;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.YamlDocument;
import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A training configuration file for {@code train --config FILE.yaml}: the settings of {@code config.txt} and
 * {@code --set} by the same names, flat ({@code ppo.epochs: 4}) or nested ({@code ppo:} then {@code epochs: 4}), a
 * list for a list of numbers ({@code policy.hiddenSizes: [64, 64]}). Checked when loaded: an unknown name, a value
 * that is not of its setting's type, a setting given twice or a value that is not a scalar is refused with the file,
 * the line and the name; the run's own validation of the settings together then names the line of the setting it
 * is about.
 */
public final class TrainingConfigFile {
    /** Largest file read: a configuration is about 1 KiB. */
    private static final int MAX_FILE_BYTES = 64 * 1024;
    /** Deepest nesting: settings are at most three names deep. */
    private static final int MAX_NESTING = 8;
    private static final String WHAT = "training configuration";

    private final String source;
    private final Map<String, Setting> settings;

    /** One setting's value and the line it is on (from 1). */
    private record Setting(String value, int line) {
    }

    private TrainingConfigFile(final String source, final Map<String, Setting> settings) {
        this.source = source;
        this.settings = settings;
    }

    /**
     * @param file the YAML file.
     * @return its settings, each known and of its type.
     * @throws ConfigException naming the file, the line and the setting when something is wrong.
     */
    public static TrainingConfigFile load(final Path file) {
        final String yaml;
        try {
            yaml = BoundedFiles.readUtf8(file, MAX_FILE_BYTES, WHAT);
        } catch (final IOException e) {
            throw new ConfigException(WHAT + " " + FileErrors.describe(e), e);
        }
        return parse(file.toString(), yaml);
    }

    /**
     * @param source a name for messages (the file).
     * @param yaml   the file's text.
     * @return its settings, each known and of its type.
     * @throws ConfigException naming the source, the line and the setting when something is wrong.
     */
    public static TrainingConfigFile parse(final String source, final String yaml) {
        final Optional<Node> root = YamlDocument.compose(source, yaml, MAX_FILE_BYTES, MAX_NESTING, WHAT);
        if (root.isEmpty()) {
            return new TrainingConfigFile(source, Map.of());
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            throw new ConfigException(source + at(root.get()) + ": a " + WHAT + " is a mapping of settings, "
                + "'name: value' per line");
        }
        final Map<String, Setting> settings = new LinkedHashMap<>();
        collect(source, mapping, "", settings);
        return new TrainingConfigFile(source, settings);
    }

    private static void collect(final String source, final MappingNode mapping, final String prefix,
        final Map<String, Setting> settings) {
        for (final NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new ConfigException(source + at(tuple.getKeyNode()) + ": a setting's name must be a plain word");
            }
            final String name = prefix + key.getValue();
            final Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested) {
                collect(source, nested, name + ".", settings);
                continue;
            }
            final String text = switch (value) {
                case ScalarNode scalar -> scalar.getValue();
                case SequenceNode list -> listText(source, name, list);
                default -> throw new ConfigException(source + at(value) + ": " + name + " must be a value");
            };
            final String where = source + at(key) + ": ";
            try {
                if (!RecordText.checkValue(TrainingConfig.class, name, text, source)) {
                    throw new ConfigException(where + "unknown setting '" + name + "'; the settings are "
                        + RecordText.settings(TrainingConfig.defaults("inverted_pendulum", Algorithm.PPO, false, 0L,
                            Long.MAX_VALUE)).keySet());
                }
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(where + withoutSource(source, e.getMessage()), e);
            }
            if (settings.put(name, new Setting(text, key.getStartMark().map(m -> m.getLine() + 1).orElse(0)))
                != null) {
                throw new ConfigException(where + name + " is given twice");
            }
        }
    }

    private static String listText(final String source, final String name, final SequenceNode list) {
        final List<String> items = new ArrayList<>();
        for (final Node item : list.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw new ConfigException(source + at(item) + ": " + name + " must be a list of numbers");
            }
            items.add(scalar.getValue());
        }
        return String.join(",", items);
    }

    /**
     * @param name a setting's name.
     * @return its value in the file, if given.
     */
    public Optional<String> value(final String name) {
        return Optional.ofNullable(settings.get(name)).map(Setting::value);
    }

    /**
     * Applies the file's settings to a configuration; errors of the settings together name the line of the one they
     * are about.
     *
     * @param base   the defaults of the run's task and algorithm.
     * @param except settings the caller chose already (the task, the algorithm, the method, the seed).
     * @return the configuration with the file's settings.
     * @throws ConfigException naming the file, and the line of the setting a message is about.
     */
    public TrainingConfig applyTo(final TrainingConfig base, final Set<String> except) {
        final List<String> assignments = new ArrayList<>();
        settings.forEach((name, setting) -> {
            if (!except.contains(name)) {
                assignments.add(name + "=" + setting.value());
            }
        });
        try {
            return base.with(assignments, source);
        } catch (final IllegalArgumentException e) {
            final String message = withoutSource(source, e.getMessage());
            String about = null;
            for (final String name : settings.keySet()) {
                if (!except.contains(name) && message.contains(name)
                    && (about == null || name.length() > about.length())) {
                    about = name;
                }
            }
            throw new ConfigException(source + (about == null ? "" : " line " + settings.get(about).line() + " ("
                + about + ")") + ": " + message, e);
        }
    }

    private static String withoutSource(final String source, final String message) {
        final String stripped = message.startsWith(source + ": ") ? message.substring(source.length() + 2) : message;
        return stripped.startsWith(source + " ") ? stripped.substring(source.length() + 1) : stripped;
    }

    private static String at(final Node node) {
        return node.getStartMark().map(mark -> " line " + (mark.getLine() + 1)).orElse("");
    }
}
