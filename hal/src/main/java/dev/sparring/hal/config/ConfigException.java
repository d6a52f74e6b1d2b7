package dev.sparring.hal.config;

/**
 * A description file, another file a command reads, or a configuration value is wrong. The message names the
 * source, the field path and the value, e.g. {@code "robots/arm.yaml: joints[0].max_effort must be > 0, was -2.0"};
 * the command line prints it as one line (subclasses name their own kind of file).
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, where, and what to do.
     */
    public ConfigException(final String message) {
        super(message);
    }

    /**
     * @param message what was wrong, where, and what to do.
     * @param cause   the underlying failure (a parser or I/O error).
     */
    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
