package dev.sparring.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code shipped.ack} in a robot's log directory: the Chronicle index of the last record the fleet receiver
 * acknowledged as persisted, written by the fleet shipper (one line, the index in decimal ASCII) and read by the
 * log's retention, which keeps cycle files holding later records while the file exists (see {@code docs/formats.md}).
 * Written atomically: a temporary file, forced to the device, renamed over the old one.
 */
public final class ShippedAckFile {
    /** The file's name in the log directory. */
    public static final String FILE_NAME = "shipped.ack";
    /** {@link #read} when there is no file: no shipper, nothing protected. */
    public static final long ABSENT = -1;
    /** {@link #read} when the file holds no index: nothing counts as shipped. */
    public static final long UNREADABLE = Long.MIN_VALUE;

    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    private static final int MAX_BYTES = 64;

    private ShippedAckFile() {
    }

    /**
     * Replaces the file with one holding the index.
     *
     * @param logDirectory the robot's log directory.
     * @param index        the last acknowledged Chronicle index, {@code >= 0}.
     * @throws IOException when the directory cannot be written.
     */
    public static void write(final Path logDirectory, final long index) throws IOException {
        final Path temp = logDirectory.resolve(TEMP_NAME);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer bytes = ByteBuffer.wrap((index + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        try {
            Files.move(temp, logDirectory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(temp, logDirectory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param logDirectory the robot's log directory.
     * @return the acknowledged index; {@link #ABSENT} without a file; {@link #UNREADABLE} when the file cannot be
     * read or holds no index.
     */
    public static long read(final Path logDirectory) {
        final Path file = logDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return ABSENT;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                return UNREADABLE;
            }
            final long index = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return index >= 0 ? index : UNREADABLE;
        } catch (final IOException | NumberFormatException e) {
            return UNREADABLE;
        }
    }
}
