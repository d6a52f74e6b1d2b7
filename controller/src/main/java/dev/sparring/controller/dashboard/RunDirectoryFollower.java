package dev.sparring.controller.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Follows a run directory's {@code metrics.csv} files (a training run's, each seed's of an experiment, each run's of a
 * fleet study) as they grow, and publishes them to a dashboard, from a thread of its own every {@link #PERIOD_MS} ms:
 * a {@code file} event with a file's header when it appears (or is rewritten shorter, as {@code --resume} does), then a
 * {@code row} event per complete line, its cells as the file has them. Both are kept events, so a page that connects
 * late draws the whole curve. A {@code run} event says what is followed and, from {@link #close()}, that it ended.
 * <p>
 * Bounded: at most {@link #MAX_FILES} files, {@link #MAX_DEPTH} directories deep; a file whose first line is longer
 * than {@link #MAX_LINE_BYTES} is not a metrics file and is left alone.
 */
public final class RunDirectoryFollower implements AutoCloseable {
    /** Interval between two looks at the files. */
    public static final long PERIOD_MS = 500;
    /** The name of the files followed. */
    public static final String METRICS_FILE = "metrics.csv";
    /** The most files followed. */
    public static final int MAX_FILES = 64;
    /** How deep below the directory files are looked for. */
    public static final int MAX_DEPTH = 4;
    /** The longest line read; a longer one ends the following of its file. */
    public static final int MAX_LINE_BYTES = 1 << 16;

    private final DashboardServer server;
    private final Path directory;
    private final String what;
    private final Map<Path, Tail> tails = new LinkedHashMap<>();
    private final ScheduledExecutorService thread;

    /**
     * Starts following.
     *
     * @param server    where the events go.
     * @param directory the run directory; it may not exist yet.
     * @param what      what is followed, shown on the page, e.g. {@code "train"}.
     */
    public RunDirectoryFollower(final DashboardServer server, final Path directory, final String what) {
        this.server = server;
        this.directory = directory;
        this.what = what;
        server.latest("run", runEvent(false));
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread follower = new Thread(runnable, "sparring-dashboard-follower");
            follower.setDaemon(true);
            return follower;
        });
        thread.scheduleWithFixedDelay(this::scanQuietly, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops following after a last look at the files, so that the page gets every row written, and says that the run
     * has ended.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(PERIOD_MS * 4, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        scanQuietly();
        server.latest("run", runEvent(true));
    }

    private synchronized void scanQuietly() {
        try {
            scan();
        } catch (final IOException | UncheckedIOException e) {
            server.latest("problem", "{\"message\":" + JsonText.string(new StringBuilder(), "cannot read "
                + directory + ": " + e.getMessage()) + "}");
        }
    }

    private void scan() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        final List<Path> found;
        try (Stream<Path> files = Files.find(directory, MAX_DEPTH,
            (path, attributes) -> attributes.isRegularFile() && METRICS_FILE.equals(path.getFileName().toString()))) {
            found = files.sorted().limit(MAX_FILES).toList();
        }
        for (final Path file : found) {
            tails.computeIfAbsent(file, Tail::new).read();
        }
    }

    private String runEvent(final boolean ended) {
        final StringBuilder json = new StringBuilder(256).append('{');
        JsonText.string(JsonText.name(json, "what"), what);
        JsonText.string(JsonText.name(json, "directory"), directory.toString());
        JsonText.name(json, "final").append(ended);
        return json.append('}').toString();
    }

    /** One file: how far it has been read, and whether its header is out. */
    private final class Tail {
        private final Path file;
        private final String name;
        private long offset;
        private boolean headerSent;
        private boolean ignored;

        Tail(final Path file) {
            this.file = file;
            this.name = directory.relativize(file).toString().replace('\\', '/');
        }

        void read() throws IOException {
            if (ignored) {
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                final long size = channel.size();
                if (size < offset) {
                    offset = 0;
                    headerSent = false;
                }
                while (offset < size) {
                    final ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
                    while (chunk.hasRemaining() && channel.read(chunk, offset + chunk.position()) > 0) {
                        continue;
                    }
                    final byte[] bytes = chunk.array();
                    int end = chunk.position();
                    while (end > 0 && bytes[end - 1] != '\n') {
                        end--;
                    }
                    if (end == 0) {
                        ignored = chunk.position() >= MAX_LINE_BYTES;
                        return;
                    }
                    publish(new String(bytes, 0, end, StandardCharsets.UTF_8));
                    offset += end;
                }
            } catch (final NoSuchFileException gone) {
                offset = 0;
                headerSent = false;
            }
        }

        private void publish(final String lines) {
            for (final String line : lines.split("\r?\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                final StringBuilder json = new StringBuilder(line.length() * 2).append('{');
                JsonText.string(JsonText.name(json, "file"), name);
                JsonText.name(json, headerSent ? "cells" : "header").append('[');
                final String[] cells = line.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    JsonText.string(json.append(i == 0 ? "" : ","), cells[i]);
                }
                json.append("]}");
                server.append(headerSent ? "row" : "file", json.toString());
                headerSent = true;
            }
        }
    }
}
