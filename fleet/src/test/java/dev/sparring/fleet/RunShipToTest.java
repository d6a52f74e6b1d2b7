package dev.sparring.fleet;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ShippedAckFile;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.controller.shipping.LogShipping;
import dev.sparring.controller.shipping.LogShippingProvider;
import dev.sparring.controller.shipping.ShippingRequest;
import dev.sparring.controller.shipping.ShippingSummary;
import dev.sparring.fleet.cli.RobotCli;
import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --log DIR --ship-to HOST:PORT}: the controller's run command ships its log through the fleet module's
 * provider to a receiver on loopback (its own agent thread here, as the run blocks the test thread).
 */
class RunShipToTest {
    private static final Path CARTPOLE = CartPoleRig.ROOT.resolve("robots/cartpole.yaml");

    @TempDir
    Path root;
    private FleetRig rig;
    private int port;
    private Path out;
    private AgentRunner receiverRunner;
    private final List<Throwable> receiverErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() {
        rig = new FleetRig(root);
        port = FleetRig.freeUdpPort();
        out = root.resolve("trainer");
        final FleetReceiver receiver = new FleetReceiver(FleetReceiverConfig.of(out,
            "aeron:udp?endpoint=127.0.0.1:" + port, null).withSyncIntervalNs(0), rig.aeron(),
            SystemNanoClock.INSTANCE, rig.nonces, notice -> { });
        receiverRunner = new AgentRunner(new BackoffIdleStrategy(), receiverErrors::add, null, receiver);
        AgentRunner.startOnThread(receiverRunner);
    }

    @AfterEach
    void stopReceiver() {
        receiverRunner.close();
        rig.close();
        assertEquals(List.of(), receiverErrors, "the receiver failed");
    }

    private int run(final StringWriter stdout, final StringWriter stderr, final String... args) {
        return RobotCli.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    }

    @Test
    void shouldShipTheRunsLogRecordForRecordToTheReceiver() throws Exception {
        final Path log = root.resolve("robots/robot-a");
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        final int exitCode = run(stdout, stderr, "run", "--robot", CARTPOLE.toString(), "--duration", "0.5",
            "--log", log.toString(), "--ship-to", "127.0.0.1:" + port, "--ship-grace-ms", "30000");
        assertEquals(0, exitCode, () -> stdout + "\n" + stderr);
        final List<String> records = FleetRig.records(log);
        assertTrue(records.size() > 100, () -> "only " + records.size() + " records in the robot's log");
        assertEquals(records, FleetRig.records(out.resolve("robot-a")), "the receiver's copy differs from the log");
        final String summary = stdout.toString();
        assertTrue(summary.contains("shipping         'robot-a' to 127.0.0.1:" + port + ": "), summary);
        assertTrue(summary.contains(records.size() + " acknowledged, 0 in the log not acknowledged yet"), summary);
        assertTrue(summary.indexOf("final command    safe command written") < summary.indexOf("shipping         "),
            summary);
        assertTrue(Files.exists(log.resolve(ShippedAckFile.FILE_NAME)), "no shipped.ack after the run");
    }

    @Test
    void shouldRefuseABadEndpointBeforeTheRobotStarts() {
        final Path log = root.resolve("robots/robot-a");
        for (final String[] bad : new String[][] {
            {"trainer.lab", "--ship-to must be HOST:PORT with a UDP port in [0, 65535]"},
            {"127.0.0.1:70000", "--ship-to must be HOST:PORT"},
            {"127.0.0.1:0", "--ship-to needs the receiver's port (1 to 65535), was '127.0.0.1:0'"}}) {
            final StringWriter stdout = new StringWriter();
            final StringWriter stderr = new StringWriter();
            assertEquals(2, run(stdout, stderr, "run", "--robot", CARTPOLE.toString(), "--duration", "0.1",
                "--log", log.toString(), "--ship-to", bad[0]), () -> bad[0] + " accepted:\n" + stdout + stderr);
            assertTrue(stderr.toString().contains(bad[1]), stderr::toString);
            assertFalse(stderr.toString().contains("Exception"), stderr::toString);
            assertFalse(Files.exists(log), "the log was opened before " + bad[0] + " was refused");
        }
        final StringWriter stderr = new StringWriter();
        assertEquals(2, run(new StringWriter(), stderr, "run", "--robot", CARTPOLE.toString(), "--log",
            root.resolve("robots/.hidden").toString(), "--ship-to", "127.0.0.1:" + port));
        assertTrue(stderr.toString().contains("give one with --robot-name NAME"), stderr::toString);
        final StringWriter noDriver = new StringWriter();
        assertEquals(2, run(new StringWriter(), noDriver, "run", "--robot", CARTPOLE.toString(), "--log",
            log.toString(), "--ship-to", "127.0.0.1:" + port, "--aeron-dir", root.resolve("no-driver").toString()));
        assertTrue(noDriver.toString().contains("holds no running media driver"), noDriver::toString);
        assertFalse(Files.exists(log), "the log was opened before --aeron-dir was refused");
    }

    @Test
    void shouldNotAllocateOnTheControlThreadWhileShipping() throws Exception {
        final Path log = root.resolve("robots/robot-a");
        final LogShippingProvider provider = LogShippingProvider.find().orElseThrow();
        final List<String> notices = new CopyOnWriteArrayList<>();
        try (RobotRuntime runtime = RobotRuntime.create(new RobotRuntime.Context()
            .description(RobotDescription.load(CARTPOLE)).log(ExperienceLogConfig.defaults(log)))) {
            final LogShipping shipping = provider.start(new ShippingRequest(log, "127.0.0.1:" + port, null, null,
                null), notices::add);
            try {
                runtime.startSimulatedTime(1_000_000_000L);
                runtime.step(100_000);
                assertEquals(0, AllocationProbe.bytesAllocatedWhenSteady(20_000, i -> runtime.step(1)),
                    "bytes allocated by 20 000 logged ticks while the log is shipped");
            } finally {
                runtime.stop();
                runtime.log().finish();
                final ShippingSummary summary = shipping.finish(TimeUnit.SECONDS.toNanos(30));
                assertEquals(0, summary.unacknowledged(), () -> summary.describe() + "; notices: " + notices);
                assertTrue(summary.acknowledged() > 100_000, summary::describe);
            }
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }
}
