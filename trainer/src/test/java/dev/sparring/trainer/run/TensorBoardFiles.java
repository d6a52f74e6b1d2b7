package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files independently of {@link TensorBoardEvents}: the framing from TensorFlow's documented
 * record format, the records parsed by TensorFlow Java's generated {@code Event} class.
 */
public final class TensorBoardFiles {
    private TensorBoardFiles() {
    }

    /**
     * @param run a run directory.
     * @return its event files, in name order.
     * @throws IOException when the directory cannot be listed.
     */
    public static List<Path> eventFiles(final Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }

    /**
     * Reads one file in TensorFlow's record format (tensorflow/core/lib/io/record_writer.h): uint64 length, uint32
     * masked CRC-32C of the length's 8 bytes, the data, uint32 masked CRC-32C of the data; all little-endian; mask =
     * rotate right by 15 plus 0xa282ead8.
     *
     * @param file an event file.
     * @return its events, each record's CRCs checked.
     * @throws IOException when it cannot be read.
     */
    public static List<Event> records(final Path file) throws IOException {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        final List<Event> events = new ArrayList<>();
        while (bytes.hasRemaining()) {
            final byte[] length = new byte[8];
            bytes.get(length);
            assertEquals(mask(length), bytes.getInt(), "length CRC of record " + events.size());
            final byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            bytes.get(data);
            assertEquals(mask(data), bytes.getInt(), "data CRC of record " + events.size());
            events.add(Event.parseFrom(data));
        }
        return events;
    }

    private static int mask(final byte[] bytes) {
        final CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        final int crc = (int) crc32c.getValue();
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }
}
