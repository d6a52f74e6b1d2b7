package dev.sparring.trainer.colearn.fleet;

import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.FleetReceiver;
import dev.sparring.fleet.FleetReceiverConfig;
import dev.sparring.fleet.LogShipper;
import dev.sparring.fleet.LogShipperConfig;
import dev.sparring.fleet.RobotStream;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The fleet transport inside one fleet run: an embedded Aeron media driver, one {@link FleetReceiver} per supervisor
 * listening on its own loopback UDP port and writing its robots' copies under {@code received/supervisor-<s>/}, and
 * one {@link LogShipper} per robot shipping the robot's log to its supervisor's receiver. {@link #deliver} runs the
 * shippers and receivers on the calling thread until every record logged so far is in the copies, exactly as the
 * robot wrote it, so the learners read the same records they would read from the robots' own logs. What the
 * shippers and receivers report (connections, resends, duplicates dropped) goes to {@code transport.txt}.
 */
final class AeronLogTransport implements LogTransport {
    private static final long DELIVERY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final String LOOPBACK = "127.0.0.1";

    private final FleetAeron aeron;
    private final FleetReceiver[] receivers;
    private final Path received;
    private final PrintWriter report;
    private final ShipperSet shippers = new ShipperSet();

    /**
     * Starts the media driver and the receivers.
     *
     * @param runDirectory the run directory: {@code received/} and {@code transport.txt} go there.
     * @param supervisors  the supervisors, one receiver each.
     * @throws IOException when a file cannot be written.
     */
    AeronLogTransport(final Path runDirectory, final int supervisors) throws IOException {
        this.received = runDirectory.resolve("received");
        this.report = new PrintWriter(Files.newBufferedWriter(runDirectory.resolve("transport.txt")), true);
        this.receivers = new FleetReceiver[supervisors];
        FleetAeron started = null;
        try {
            started = FleetAeron.embedded(FleetAeron.driverContext(FleetAeron.embeddedDirectory("fleet-train")));
            for (int s = 0; s < supervisors; s++) {
                final String name = "supervisor-" + s;
                final FleetReceiverConfig config = FleetReceiverConfig.of(received.resolve(name),
                    "aeron:udp?endpoint=" + LOOPBACK + ":0", null).withSyncIntervalNs(TimeUnit.MILLISECONDS.toNanos(1));
                receivers[s] = new FleetReceiver(config, started.aeron(), SystemNanoClock.INSTANCE, new SecureRandom(),
                    notice -> report.println(name + ": " + notice));
            }
        } catch (final RuntimeException e) {
            CloseHelper.quietCloseAll(receivers);
            CloseHelper.quietClose(started);
            report.close();
            throw e;
        }
        this.aeron = started;
    }

    @Override
    public Path attach(final String robot, final Path logDirectory, final LongSupplier written,
        final int supervisor) throws IOException {
        final FleetReceiver receiver = receivers[supervisor];
        final LogShipper shipper = new LogShipper(LogShipperConfig.of(robot, logDirectory,
            "aeron:udp?endpoint=" + receiver.endpoint() + "|term-length=1m", "aeron:udp?endpoint=" + LOOPBACK + ":0"),
            aeron.aeron(), SystemNanoClock.INSTANCE, notice -> report.println(robot + ": " + notice));
        shippers.add(robot, shipper, written);
        return received.resolve("supervisor-" + supervisor).resolve(robot);
    }

    @Override
    public void deliver() {
        shippers.pumpUntil(shippers::allAcknowledged, DELIVERY_TIMEOUT_NS, () -> "the robots' logs to reach their "
            + "supervisors (transport.txt in the run directory says more)", receivers);
    }

    @Override
    public void close() {
        try {
            shippers.report(report);
            for (int s = 0; s < receivers.length; s++) {
                if (receivers[s] == null) {
                    continue;
                }
                report.printf(Locale.ROOT, "supervisor-%d: %d messages, %d malformed%n", s, receivers[s].received(),
                    receivers[s].malformed());
                for (final RobotStream robot : receivers[s].robots()) {
                    report.printf(Locale.ROOT, "  %s appended %d, duplicates dropped %d, out of sequence %d%n",
                        robot.name(), robot.appended(), robot.duplicates(), robot.outOfSequence());
                }
            }
        } finally {
            shippers.close();
            CloseHelper.quietCloseAll(receivers);
            CloseHelper.quietClose(aeron);
            report.close();
        }
    }
}
