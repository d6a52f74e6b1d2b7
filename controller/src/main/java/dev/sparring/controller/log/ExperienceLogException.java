package dev.sparring.controller.log;

/**
 * An experience log could not be written or read; the message names the directory and what went wrong.
 */
public final class ExperienceLogException extends RuntimeException {
    /**
     * @param message what went wrong, naming the directory.
     */
    public ExperienceLogException(final String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the directory.
     * @param cause   the underlying failure.
     */
    public ExperienceLogException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
