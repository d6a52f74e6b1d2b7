package dev.sparring.fleet;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogShippingTest {
    @TempDir
    Path root;
    private FleetRig rig;
    private String channel;
    private Path out;

    @BeforeEach
    void start() {
        rig = new FleetRig(root);
        channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
        out = root.resolve("trainer");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private LogShipper shipper(final Path log) {
        return new LogShipper(LogShipperConfig.of("robot-a", log, channel + "|term-length=64k",
            "aeron:udp?endpoint=127.0.0.1:0"), rig.aeron(), rig.clock, rig.notices::add);
    }

    private FleetReceiver receiver() {
        return new FleetReceiver(FleetReceiverConfig.of(out, channel, null).withSyncIntervalNs(0), rig.aeron(),
            rig.clock, rig.notices::add);
    }

    @Test
    void shouldCopyARobotLogRecordForRecordOverUdp() {
        final Path log = rig.writeLog("robot-a", 500);
        try (LogShipper shipper = shipper(log); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> shipper.acked() == 500 && shipper.inFlight() == 0, shipper, receiver);
            assertEquals(500, receiver.robot("robot-a").appended());
            assertEquals(0, shipper.backlog());
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }
}
