package dev.sparring.fleet;

import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test fixture: an embedded media driver (one shared thread, 64 KiB terms, short timeouts) under a test's temporary
 * directory, robot logs written by the real {@link ExperienceLog}, and a pump that runs agents on the test thread
 * with a clock the test advances.
 */
final class FleetRig implements AutoCloseable {
    static final int OBSERVATIONS = 5;
    static final int ACTIONS = 2;
    /** Each pump round advances the agents' clock by this much. */
    static final long ROUND_NS = TimeUnit.MILLISECONDS.toNanos(1);

    final Path root;
    final CachedNanoClock clock = new CachedNanoClock();
    final List<String> notices = new ArrayList<>();
    /** The receivers' nonces: seeded, so every run challenges alike. */
    final Random nonces = new Random(13);
    private final FleetAeron fleetAeron;
    private long nextStep;

    FleetRig(final Path root) {
        this.root = root;
        fleetAeron = FleetAeron.embedded(FleetAeron.driverContext(root.resolve("aeron"))
            .imageLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .publicationConnectionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(10)));
    }

    Aeron aeron() {
        return fleetAeron.aeron();
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new IllegalStateException("no free UDP port on loopback", e);
        }
    }

    /**
     * Appends step records to a robot's log through the real experience log.
     *
     * @return the log's directory.
     */
    Path writeLog(final String robot, final int records) {
        final Path directory = root.resolve("robots").resolve(robot);
        try (ExperienceLog log = new ExperienceLog(ExperienceLogConfig.defaults(directory), 7, 1, 1, OBSERVATIONS,
            ACTIONS, 0, false)) {
            final double[] observation = new double[OBSERVATIONS];
            final double[] action = new double[ACTIONS];
            for (int i = 0; i < records; i++) {
                final long step = nextStep++;
                for (int j = 0; j < OBSERVATIONS; j++) {
                    observation[j] = step + j * 0.25;
                }
                action[0] = -step;
                action[1] = step * 0.5;
                if (!log.recorder().step(1_000_000L * (step + 1), step / 100, step % 100, observation, action, null,
                    step * 0.125, -1.5, 0)) {
                    log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
                    i--;
                    nextStep--;
                }
            }
            log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
        }
        return directory;
    }

    /** Each record as "type episode step timestamp length checksum": equal strings, equal bytes (CRC-32C). */
    static List<String> records(final Path directory) {
        final List<String> records = new ArrayList<>();
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory,
            e -> fail("the log at " + directory + " reads as damaged: " + e)).fromStart()) {
            int read;
            do {
                read = reader.poll(r -> records.add(describe(r)), 1024);
            } while (read > 0);
        }
        return records;
    }

    private static String describe(final ExperienceRecordFlyweight r) {
        return r.type() + " " + r.episodeId() + " " + r.stepIndex() + " " + r.timestampNs() + " " + r.length() + " "
            + Integer.toHexString(r.checksum());
    }

    /**
     * Runs the agents, advancing the clock a round at a time, until the condition holds; fails after 30 s of real
     * time (a bound, never a wait: the loop ends as soon as the condition holds).
     *
     * @return rounds run.
     */
    int pumpUntil(final BooleanSupplier done, final Agent... agents) {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int rounds = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                fail("not done after 30 s (" + rounds + " rounds); notices: " + notices);
            }
            for (final Agent agent : agents) {
                try {
                    agent.doWork();
                } catch (final Exception e) {
                    throw new AssertionError(agent.roleName() + " failed", e);
                }
            }
            clock.advance(ROUND_NS);
            rounds++;
            Thread.yield();
        }
        return rounds;
    }

    static void assertSameRecords(final Path original, final Path copy) {
        final List<String> expected = records(original);
        assertEquals(expected, records(copy), "the copy differs from the robot's log");
    }

    @Override
    public void close() {
        fleetAeron.close();
    }
}
