package dev.sparring.controller.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named pipe that yields a head and then one byte forever, like {@code /dev/zero} behind a plausible start, and
 * counts what it wrote: a reader that stops within its limit lets the test assert the work it did in bytes, not in
 * seconds. Linux or macOS ({@code mkfifo}).
 */
public final class EndlessFifo {
    private static final int CHUNK_BYTES = 8192;

    private final Path path;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();

    private EndlessFifo(final Path path, final byte[] head, final byte filler) {
        this.path = path;
        this.writer = Thread.ofPlatform().daemon().name("endless-fifo").start(() -> write(head, filler));
    }

    /**
     * @param path   where to make the pipe.
     * @param head   the first bytes.
     * @param filler the byte repeated after them.
     * @return the pipe, its writer started (it blocks until a reader opens the pipe).
     * @throws IOException when {@code mkfifo} fails.
     * @throws InterruptedException when interrupted while waiting for {@code mkfifo}.
     */
    public static EndlessFifo create(final Path path, final byte[] head, final byte filler)
        throws IOException, InterruptedException {
        final Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return new EndlessFifo(path, head, filler);
    }

    private void write(final byte[] head, final byte filler) {
        final byte[] chunk = new byte[CHUNK_BYTES];
        Arrays.fill(chunk, filler);
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(head);
            written.addAndGet(head.length);
            while (true) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (final IOException e) {
            // the reader closed the pipe: done
        }
    }

    /**
     * @return the pipe's path.
     */
    public Path path() {
        return path;
    }

    /**
     * Waits for the writer, which ends when the reader closes the pipe (a reader that never opens it leaves the
     * writer blocked; the test's timeout catches that).
     *
     * @return the bytes written, an upper bound of what the reader read.
     * @throws InterruptedException when interrupted while waiting for the writer.
     */
    public long finish() throws InterruptedException {
        writer.join();
        return written.get();
    }
}
