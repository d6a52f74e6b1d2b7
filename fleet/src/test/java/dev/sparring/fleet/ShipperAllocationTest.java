package dev.sparring.fleet;

import dev.sparring.hal.AllocationProbe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipperAllocationTest {
    /**
     * The pump advances the shipper's clock 1 ms per round, far faster than real time, while the receiver on its own
     * thread acknowledges on the real clock: on a loaded machine 5 000 rounds (the default 5 s ack timeout) passed
     * before the first ACK, the shipper re-said HELLO and resent its window, and the measured rounds were
     * back-pressured. Ack timeouts are LogShippingTest's business, not this one's.
     */
    private static final long NO_ACK_TIMEOUT_NS = TimeUnit.DAYS.toNanos(365);

    @TempDir
    Path root;

    @Test
    void shouldAllocateNothingInTheShippersSteadyDutyCycle() {
        final List<String> shipperNotices = new ArrayList<>();
        try (FleetRig rig = new FleetRig(root)) {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
            final Path log = rig.writeLog("robot-a", 40_000);
            final FleetReceiver receiver = new FleetReceiver(FleetReceiverConfig.of(root.resolve("trainer"),
                channel, null), rig.aeron(), SystemNanoClock.INSTANCE, rig.nonces, notice -> { });
            try (AgentRunner receiving = new AgentRunner(new YieldingIdleStrategy(), Throwable::printStackTrace,
                null, receiver);
                 LogShipper shipper = new LogShipper(LogShipperConfig.of("robot-a", log,
                     channel + "|term-length=1m", "aeron:udp?endpoint=127.0.0.1:0").withWindowRecords(1 << 17)
                         .withAckTimeoutNs(NO_ACK_TIMEOUT_NS),
                     rig.aeron(), rig.clock, shipperNotices::add)) {
                AgentRunner.startOnThread(receiving);
                rig.pumpUntil(() -> shipper.acked() > 0, shipper);
                final long shippedBefore = shipper.shipped();
                final long bytes = AllocationProbe.bytesAllocatedWhenSteady(200, i -> shipper.doWork());
                assertEquals(0, bytes, "bytes allocated by 200 duty cycles of the shipper; its notices (a reconnection "
                    + "allocates its notice): " + shipperNotices);
                // records shipped while measured (a batch at least; how many more depends on how fast the receiver's
                // thread drains the publication: offers it back-pressures take the same allocation-free path)
                final long shippedMeanwhile = shipper.shipped() - shippedBefore;
                assertTrue(shippedMeanwhile > 64, "the measured duty cycles shipped records: " + shippedMeanwhile
                    + " (back-pressured " + shipper.backPressured() + " times); its notices: " + shipperNotices);
            }
        }
    }
}
