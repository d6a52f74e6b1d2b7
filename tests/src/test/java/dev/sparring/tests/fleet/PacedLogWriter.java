package dev.sparring.tests.fleet;

import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test support, run as a child process in the robot namespace of {@link FleetFaultTest}: a robot's logger writing
 * step records to its experience log (the real {@link ExperienceLog}) at a steady pace until the log holds
 * {@code TOTAL} records, then exits. It writes the first record at once (so the log exists for {@code fleet ship}),
 * says {@code writer: waiting for go} and paces the rest after reading a line from its standard input (the test
 * sends it once shipper and receiver are up). Restarted on a log that already holds records (after
 * {@code kill -9}), it appends after them, numbering its steps on from the count it found. Record {@code k} is step {@code k} of episode
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
        // the logger on its own thread, as on a robot: each record reaches the queue as it is written (run by the
        // caller, the logger would write only when drained, and the ring holds the whole run)
        try (ExperienceLog log = new ExperienceLog(ExperienceLogConfig.defaults(directory), 7, 1, 1, OBSERVATIONS,
            ACTIONS, 0, true)) {
            final double[] observation = new double[OBSERVATIONS];
            final double[] action = new double[ACTIONS];
            long deadlineNs = 0;
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
                if (step == first) {
                    log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
                    awaitGo();
                    deadlineNs = System.nanoTime();
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

    private static void awaitGo() {
        System.out.println("writer: waiting for go");
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the go line from standard input", e);
        }
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
