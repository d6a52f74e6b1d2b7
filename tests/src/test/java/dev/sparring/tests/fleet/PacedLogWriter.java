package dev.sparring.tests.fleet;

import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test support, run as a child process in the robot namespace of {@link FleetFaultTest}: a robot's logger writing
 * step records to its experience log (the real {@link ExperienceLog}) at a steady pace until the log holds
 * {@code TOTAL} records, then exits. Restarted on a log that already holds records (after {@code kill -9}), it
 * appends after them, numbering its steps on from the count it found. Record {@code k} is step {@code k} of episode
 * {@code k / 100}, every field derived from {@code k}, so a duplicate or a reordering in a copy shows.
 *
 * <p>Arguments: {@code LOG_DIR TOTAL RECORDS_PER_S}.
 */
public final class PacedLogWriter {
    static final int OBSERVATIONS = 5;
    static final int ACTIONS = 2;

    private PacedLogWriter() {
    }

    /**
     * @param args {@code LOG_DIR TOTAL RECORDS_PER_S}.
     */
    public static void main(final String[] args) {
        final Path directory = Path.of(args[0]);
        final long total = Long.parseLong(args[1]);
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / Long.parseLong(args[2]);
        final long first = existingRecords(directory);
        System.out.println("writer: " + first + " records in the log, writing up to " + total);
        try (ExperienceLog log = new ExperienceLog(ExperienceLogConfig.defaults(directory), 7, 1, 1, OBSERVATIONS,
            ACTIONS, 0, false)) {
            final double[] observation = new double[OBSERVATIONS];
            final double[] action = new double[ACTIONS];
            long deadlineNs = System.nanoTime();
            for (long step = first; step < total; step++) {
                for (int j = 0; j < OBSERVATIONS; j++) {
                    observation[j] = step + j * 0.25;
                }
                action[0] = -step;
                action[1] = step * 0.5;
                while (!log.recorder().step(1_000_000L * (step + 1), step / 100, step % 100, observation, action,
                    null, step * 0.125, -1.5, 0)) {
                    log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
                }
                deadlineNs += periodNs;
                long waitNs;
                while ((waitNs = deadlineNs - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(waitNs);
                }
            }
            log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
        }
        System.out.println("writer: done");
    }

    private static long existingRecords(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long records = 0;
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, Throwable::printStackTrace)
            .fromStart()) {
            int read;
            while ((read = reader.poll(r -> { }, 1024)) > 0) {
                records += read;
            }
        }
        return records;
    }
}
