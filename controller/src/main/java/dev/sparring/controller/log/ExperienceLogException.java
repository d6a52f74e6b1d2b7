package dev.sparring.controller.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

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

    /**
     * @param message            what went wrong, naming the directory.
     * @param cause              the underlying failure, or null.
     * @param writableStackTrace false for an exception made once and thrown many times.
     */
    ExperienceLogException(final String message, final Throwable cause, final boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }

    /**
     * @param e a file system failure.
     * @return what went wrong in words, with the file it concerns: the JDK's messages often say only one of them
     * (an {@link AccessDeniedException}'s message is just the path).
     */
    public static String reason(final IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason() + ": " + failed.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
