package dev.sparring.controller.log;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.io.File;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The roll cycle an existing queue was written with, read from its cycle files' names (each roll cycle names its
 * files by its own date pattern, e.g. {@code 20260511-14F.cq4} for {@code FAST_HOURLY}). A reader opened with another
 * cycle works, but Chronicle then warns "Overriding roll length from existing metadata" on every open; opening with
 * the writer's cycle keeps that noise away from users.
 */
final class QueueRollCycle {
    private QueueRollCycle() {
    }

    /**
     * @param cycleFiles the queue's {@code .cq4} files, at least one.
     * @param preferred  the cycle to take when several have the same file names (they then have the same length).
     * @return the first cycle whose date pattern parses the first file's name, {@code preferred} when it does, or
     *         {@code preferred} when none does (Chronicle then corrects it from the queue's metadata).
     */
    static RollCycle of(final File[] cycleFiles, final RollCycles preferred) {
        final String fileName = cycleFiles[0].getName();
        final String stem = fileName.substring(0, fileName.length() - RetentionListener.CYCLE_FILE_SUFFIX.length());
        if (names(preferred, stem)) {
            return preferred;
        }
        for (final RollCycle cycle : RollCycles.all()) {
            if (names(cycle, stem)) {
                return cycle;
            }
        }
        return preferred;
    }

    private static boolean names(final RollCycle cycle, final String stem) {
        try {
            DateTimeFormatter.ofPattern(cycle.format()).parse(stem);
            return true;
        } catch (final DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }
}
