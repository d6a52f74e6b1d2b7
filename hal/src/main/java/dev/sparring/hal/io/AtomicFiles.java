package dev.sparring.hal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the new, never a part, and so that the new content
 * survives a power cut once {@link #write} returns: the bytes go to a temporary file beside the target, created with
 * the permissions the umask gives any new file, which is flushed to disk, renamed over the target, and then the
 * directory is flushed so the rename itself is durable. Used for policy files, ONNX exports, checkpoints and a run's
 * configuration, where an interrupted save must not destroy the previous file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param file  the destination; its directory is created if missing.
     * @param bytes the whole content.
     * @throws IOException naming the file when it cannot be written (a directory in the way, no permission, no
     *                     space).
     */
    public static void write(final Path file, final byte[] bytes) throws IOException {
        final Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(file.toString(), null, "is a directory; give a file name to write");
        }
        final Path directory = absolute.getParent();
        final Path temporary = directory.resolve("." + absolute.getFileName() + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
                final ByteBuffer content = ByteBuffer.wrap(bytes);
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void syncDirectory(final Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
