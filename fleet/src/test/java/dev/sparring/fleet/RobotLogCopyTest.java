package dev.sparring.fleet;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobotLogCopyTest {
    @TempDir
    Path root;

    @Test
    void shouldRecoverTheLastSourceIndexFromTheCopyItself() {
        final Path directory = root.resolve("robot-a");
        final UnsafeBuffer record = new UnsafeBuffer(new byte[68]);
        try (RobotLogCopy copy = new RobotLogCopy(directory)) {
            assertEquals(FleetMessageFlyweight.NULL_INDEX, copy.recoveredIndex());
            for (long i = 0; i < 10; i++) {
                copy.append(record, 0, record.capacity(), 1000 + i * 3);
            }
        }
        try (RobotLogCopy copy = new RobotLogCopy(directory)) {
            assertEquals(1027, copy.recoveredIndex());
        }
    }

    @Test
    void shouldIgnoreASourceIndexWhoseRecordWasNeverWritten() {
        final Path directory = root.resolve("robot-a");
        final UnsafeBuffer record = new UnsafeBuffer(new byte[68]);
        try (RobotLogCopy copy = new RobotLogCopy(directory)) {
            copy.append(record, 0, record.capacity(), 500);
        }
        // killed between the two writes: the source index excerpt is there, its record is not
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile()).build();
             ExcerptAppender appender = queue.createAppender();
             DocumentContext context = appender.writingDocument(true)) {
            context.wire().bytes().writeLong(RobotLogCopy.SOURCE_INDEX_MAGIC).writeLong(501);
        }
        try (RobotLogCopy copy = new RobotLogCopy(directory)) {
            assertEquals(500, copy.recoveredIndex());
        }
    }

    @Test
    void shouldRefuseADirectoryHoldingALogItDidNotWrite() {
        final Path directory = root.resolve("robot-a");
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile()).build();
             ExcerptAppender appender = queue.createAppender();
             DocumentContext context = appender.writingDocument()) {
            context.wire().bytes().writeLong(42);
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RobotLogCopy(directory));
        assertTrue(e.getMessage().contains("not written by the fleet receiver"), e.getMessage());
    }
}
