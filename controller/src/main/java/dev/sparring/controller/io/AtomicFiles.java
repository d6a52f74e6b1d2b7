package dev.sparring.controller.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the new, never a part: the bytes go to a temporary
 * file beside the target, which is then renamed over it. Used for policy files, ONNX exports and training
 * checkpoints, where an interrupted save must not destroy the previous file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param file  the destination; its directory is created if missing.
     * @param bytes the whole content.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path file, final byte[] bytes) throws IOException {
        final Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        final Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
