package dev.sparring.trainer.run;

import dev.sparring.hal.config.ConfigException;

/**
 * A checkpoint that cannot be used: corrupt, truncated, of another format version, or belonging to a run with a
 * different configuration. The message names the file and what is wrong.
 */
public final class CheckpointException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file.
     */
    public CheckpointException(final String message) {
        super(message);
    }
}
