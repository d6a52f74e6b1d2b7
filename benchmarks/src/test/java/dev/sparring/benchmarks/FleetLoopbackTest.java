package dev.sparring.benchmarks;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet benchmark's machinery with a handful of robots: every record appended reaches the receiver's copies,
 * counted both ways. No timing is asserted: the rates and latencies are the benchmark's business.
 */
class FleetLoopbackTest {
    @TempDir
    Path root;

    @Test
    void shouldDeliverEveryAppendedRecordToTheCopiesAndCountThemBothWays() throws Exception {
        final int robots = 4;
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (FleetLoopback fleet = new FleetLoopback(new FleetLoopback.Settings(robots, 1, 2, root, port,
            TimeUnit.MILLISECONDS.toNanos(20), "64k", ThreadingMode.SHARED))) {
            assertEquals(robots, fleet.awaitStreaming(TimeUnit.SECONDS.toNanos(60)), "shippers streaming; notices: "
                + fleet.notices());
            fleet.rate(500);
            fleet.startLatencies();
            final long startNs = System.nanoTime();
            while (fleet.snapshot().offered() < 400 && System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(30)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertTrue(fleet.drain(TimeUnit.SECONDS.toNanos(60)), "the copies caught up; notices: "
                + fleet.notices());
            final FleetLoopback.Snapshot end = fleet.snapshot();
            assertTrue(end.offered() >= 400, "records appended: " + end.offered());
            assertEquals(end.offered(), end.persisted(), "records persisted in the copies");
            assertEquals(end.persisted(), fleet.stopLatencies().getTotalCount() + fleet.latencySamplesLost(),
                "one latency sample per persisted record");
            final FleetLoopback.Verification check = fleet.stopAndVerify();
            assertEquals(robots, check.robotsChecked());
            assertEquals(end.offered(), check.logRecords(), "records read back from the robots' logs");
            assertEquals(check.logRecords(), check.copyRecords(), "records read back from the copies");
            assertEquals(0, check.robotsDiffering(), "robots whose copy differs: " + check.firstDifference());
            assertTrue(check.lossless());
        }
    }
}
