package dev.sparring.controller.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Test fixture: real queues of known step records, and the damage a disk, a copy or a person does to their cycle
 * files (zeros over the middle, truncation, a flipped bit). Excerpt positions are found by walking the file with the
 * framing docs/formats.md describes, written here independently of the reader under test.
 */
public final class DamagedQueues {
    private DamagedQueues() {
    }

    /**
     * Appends step records 0 .. count-1 of episode 0 (every field derived from the step) through the logger agent.
     *
     * @param directory the queue directory.
     * @param count     how many.
     * @return the records the agent reports written.
     */
    public static long writeSteps(final Path directory, final int count) {
        final RingBuffer ring = ExperienceRecords.newRing(1 << 20);
        final ExperienceRecords records = new ExperienceRecords();
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(ExperienceLogConfig.defaults(directory), ring,
            Throwable::printStackTrace, new CachedNanoClock());
        agent.onStart();
        for (int step = 0; step < count; step++) {
            records.offer(ring, RecordType.STEP, 0, step);
            if ((step & 1023) == 1023) {
                agent.doWork();
            }
        }
        while (agent.doWork() > 0) {
            continue;
        }
        agent.onClose();
        return agent.recordsWritten();
    }

    /**
     * @param directory a queue directory with one cycle file.
     * @return that file.
     */
    public static Path cycleFile(final Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a cycle file.
     * @return the byte positions of its data excerpts' header words, in order.
     */
    public static List<Long> excerptPositions(final Path file) {
        final ByteBuffer bytes = read(file);
        final List<Long> positions = new ArrayList<>();
        int at = 0;
        while (at + 4 <= bytes.limit()) {
            final int header = bytes.getInt(at);
            if (header == 0 || (header & 0x8000_0000) != 0) {
                break;
            }
            final int length = header & 0x3FFF_FFFF;
            if ((header & 0x4000_0000) == 0) {
                positions.add((long) at);
            }
            at = (at + 4 + length + 3) & ~3;
        }
        return positions;
    }

    /**
     * Writes zeros over {@code [from, from + length)}.
     */
    public static void zero(final Path file, final long from, final int length) {
        write(file, from, ByteBuffer.allocate(length));
    }

    /**
     * Flips one bit of the byte at {@code position}.
     */
    public static void flipBit(final Path file, final long position, final int bit) {
        final ByteBuffer one = ByteBuffer.allocate(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ (1 << bit)));
            channel.write(one.flip(), position);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cuts the file to {@code size} bytes.
     */
    public static void truncate(final Path file, final long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer read(final Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(final Path file, final long position, final ByteBuffer bytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, position);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
