package dev.sparring.hal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Turns I/O failures into one line a user can act on: the file, then what is wrong with it. The JDK's messages
 * name either the path alone ({@code AccessDeniedException: /x}) or the problem alone ({@code "Is a directory"},
 * {@code "No space left on device"}, {@code "Input length = 1"}); {@link #at} attaches the path where it is known
 * and {@link #describe} writes both.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * @param file    the file being read or written.
     * @param failure what went wrong with it.
     * @return the failure as a {@link FileSystemException} naming {@code file} (itself when it already names one).
     */
    public static IOException at(final Path file, final IOException failure) {
        if (failure instanceof FileSystemException named && named.getFile() != null) {
            return failure;
        }
        final String reason = failure instanceof CharacterCodingException ? "is not valid UTF-8 text"
            : failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        final FileSystemException named = new FileSystemException(file.toString(), null, reason);
        named.initCause(failure);
        return named;
    }

    /**
     * @param failure an I/O failure.
     * @return one line: the file and its problem when the failure names a file, else the failure's message.
     */
    public static String describe(final IOException failure) {
        if (failure instanceof FileSystemException named && named.getFile() != null) {
            final String other = named.getOtherFile() == null ? "" : " (to " + named.getOtherFile() + ")";
            return named.getFile() + other + ": " + reason(named);
        }
        if (failure instanceof CharacterCodingException) {
            return "a file is not valid UTF-8 text";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /**
     * @param failure an unchecked wrapper of an I/O failure.
     * @return {@link #describe(IOException)} of its cause.
     */
    public static String describe(final UncheckedIOException failure) {
        return describe(failure.getCause());
    }

    private static String reason(final FileSystemException failure) {
        return switch (failure) {
            case NoSuchFileException e -> "does not exist";
            case AccessDeniedException e -> "permission denied; check the owner and mode of the file and of its "
                + "directory, or choose another path";
            case FileAlreadyExistsException e -> "already exists";
            case NotDirectoryException e -> "is not a directory";
            case DirectoryNotEmptyException e -> "is a directory that is not empty";
            default -> failure.getReason() != null ? failure.getReason() : failure.getClass().getSimpleName();
        };
    }
}
