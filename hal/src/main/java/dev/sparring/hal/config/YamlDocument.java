package dev.sparring.hal.config;

import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML configuration file (a robot description, a fleet) into a {@link ConfigNode}, bounded: at most a given
 * number of bytes, and of nested mappings and lists (the composer recurses once per level, so a document nested
 * thousands deep would overflow the stack). The top level must be a mapping.
 */
public final class YamlDocument {
    private YamlDocument() {
    }

    /**
     * @param file       the file.
     * @param maxBytes   the largest file accepted.
     * @param maxNesting the deepest nesting accepted.
     * @param what       what the file is, for messages ("robot description").
     * @return the document's top-level mapping.
     * @throws ConfigException when the file cannot be read, is too large, not YAML, too deep or not a mapping.
     */
    public static ConfigNode load(final Path file, final int maxBytes, final int maxNesting, final String what) {
        final String yaml;
        try {
            yaml = BoundedFiles.readUtf8(file, maxBytes, what);
        } catch (final IOException e) {
            throw new ConfigException(what + " " + FileErrors.describe(e), e);
        }
        return parse(file.toString(), yaml, maxBytes, maxNesting, what);
    }

    /**
     * @param source     a name for messages.
     * @param yaml       the text, at most {@code maxBytes} characters.
     * @param maxBytes   the longest text accepted.
     * @param maxNesting the deepest nesting accepted.
     * @param what       what the text is, for messages ("robot description").
     * @return the document's top-level mapping.
     * @throws ConfigException when the text is too long, not YAML, too deep or not a mapping.
     */
    @SuppressWarnings("unchecked")
    public static ConfigNode parse(final String source, final String yaml, final int maxBytes, final int maxNesting,
        final String what) {
        final Object document;
        try {
            document = new StandardConstructor(settings(source, maxBytes)).constructSingleDocument(compose(source,
                yaml, maxBytes, maxNesting, what));
        } catch (final YamlEngineException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new ConfigException(source + ": a " + what + " must be a mapping of fields at the top level");
        }
        return new ConfigNode(source, "", (Map<String, Object>) document);
    }

    /**
     * The document's node tree, whose nodes know their lines (for messages that point into the file), bounded as
     * {@link #parse} is.
     *
     * @param source     a name for messages.
     * @param yaml       the text, at most {@code maxBytes} characters.
     * @param maxBytes   the longest text accepted.
     * @param maxNesting the deepest nesting accepted.
     * @param what       what the text is, for messages ("training configuration").
     * @return the root node, empty for an empty document.
     * @throws ConfigException when the text is too long, not YAML or too deep.
     */
    public static Optional<Node> compose(final String source, final String yaml, final int maxBytes,
        final int maxNesting, final String what) {
        if (yaml.length() > maxBytes) {
            throw new ConfigException(source + " holds " + yaml.length() + " characters, more than the " + maxBytes
                + " a " + what + " may take");
        }
        final LoadSettings settings = settings(source, maxBytes);
        try {
            return new Composer(settings, new NestingLimitedParser(source, maxNesting, what,
                new ParserImpl(settings, new StreamReader(settings, yaml)))).getSingleNode();
        } catch (final YamlEngineException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static LoadSettings settings(final String source, final int maxBytes) {
        return LoadSettings.builder().setLabel(source).setCodePointLimit(maxBytes).build();
    }

    /** The YAML parser with a depth count, refusing too deep a document with its line as the events pass. */
    private static final class NestingLimitedParser implements Parser {
        private final String source;
        private final int maxNesting;
        private final String what;
        private final Parser parser;
        private int depth;

        NestingLimitedParser(final String source, final int maxNesting, final String what, final Parser parser) {
            this.source = source;
            this.maxNesting = maxNesting;
            this.what = what;
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(final Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            final Event event = parser.next();
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    depth++;
                    if (depth > maxNesting) {
                        throw new ConfigException(source + event.getStartMark().map(mark -> " line "
                            + (mark.getLine() + 1)).orElse("") + ": mappings and lists are nested more than "
                            + maxNesting + " levels deep; a " + what + " needs a few");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
            return event;
        }
    }
}
