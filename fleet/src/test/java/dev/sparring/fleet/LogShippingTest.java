package dev.sparring.fleet;

import dev.sparring.controller.log.ShippedAckFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import io.aeron.ExclusivePublication;
import org.agrona.concurrent.UnsafeBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            rig.clock, rig.nonces, rig.notices::add);
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

    @Test
    void shouldResumeFromTheAcknowledgedIndexWhenTheShipperRestarts() {
        final Path log = rig.writeLog("robot-a", 400);
        try (FleetReceiver receiver = receiver()) {
            try (LogShipper first = shipper(log)) {
                rig.pumpUntil(() -> first.acked() >= 150, first, receiver);
            }
            rig.writeLog("robot-a", 100);
            try (LogShipper second = shipper(log)) {
                rig.pumpUntil(() -> second.backlog() == 0 && second.inFlight() == 0
                    && second.state() == LogShipper.State.STREAMING, second, receiver);
                assertTrue(second.shipped() <= 500 - 150,
                    "the restarted shipper shipped " + second.shipped() + " records: it did not resume after the ack");
            }
            assertEquals(500, receiver.robot("robot-a").appended());
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldRecordTheAcknowledgedIndexInTheLogDirectoryForRetention() {
        final Path log = rig.writeLog("robot-a", 100);
        try (LogShipper shipper = shipper(log)) {
            assertEquals(ShippedAckFile.ABSENT, ShippedAckFile.read(log), "nothing acknowledged, no file");
            try (FleetReceiver receiver = receiver()) {
                rig.pumpUntil(() -> shipper.acked() == 100 && ShippedAckFile.read(log) == shipper.ackedIndex(),
                    shipper, receiver);
            }
            assertEquals(0, shipper.backlog(), "the file names the log's last record");
        }
    }

    @Test
    void shouldNeitherLoseNorDuplicateWhenTheReceiverRestartsWithoutSyncing() {
        final Path log = rig.writeLog("robot-a", 600);
        try (LogShipper shipper = shipper(log)) {
            final long appendedBefore;
            try (FleetReceiver first = new FleetReceiver(FleetReceiverConfig.of(out, channel, null)
                .withSyncIntervalNs(Long.MAX_VALUE / 2), rig.aeron(), rig.clock, rig.nonces, rig.notices::add)) {
                rig.pumpUntil(() -> first.robot("robot-a") != null && first.robot("robot-a").appended() >= 200,
                    shipper, first);
                appendedBefore = first.robot("robot-a").appended();
                assertEquals(0, shipper.acked(), "nothing synced, nothing acknowledged");
            }
            try (FleetReceiver second = receiver()) {
                rig.pumpUntil(() -> shipper.backlog() == 0 && shipper.inFlight() == 0, shipper, second);
                assertEquals(600, appendedBefore + second.robot("robot-a").appended(),
                    "records appended before and after the restart");
            }
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldAcknowledgeWhatARestartedReceiverRecoveredFromItsCopy() {
        final Path log = rig.writeLog("robot-a", 100);
        try (LogShipper shipper = shipper(log)) {
            try (FleetReceiver first = new FleetReceiver(FleetReceiverConfig.of(out, channel, null)
                .withSyncIntervalNs(Long.MAX_VALUE / 2), rig.aeron(), rig.clock, rig.nonces, rig.notices::add)) {
                rig.pumpUntil(() -> first.robot("robot-a") != null && first.robot("robot-a").appended() == 100,
                    shipper, first);
            }
            assertEquals(0, shipper.acked());
            try (FleetReceiver second = receiver()) {
                // every record counted once, however many REWINDs the first receiver's silence caused (the test
                // clock outruns Aeron's: ack timeouts fire again and again; ShipperRewindTest pins the order)
                rig.pumpUntil(() -> shipper.acked() == 100 && shipper.inFlight() == 0, shipper, second);
                assertEquals(0, shipper.backlog());
                assertEquals(0, second.robot("robot-a").appended(), "the copy already held every record");
            }
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldShipTheBacklogWhenTheReceiverComesBackAfterFallingSilent() {
        final Path log = rig.writeLog("robot-a", 300);
        try (LogShipper shipper = shipper(log); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> shipper.acked() >= 50, shipper, receiver);
            rig.writeLog("robot-a", 2000);
            final int[] rounds = {0};
            rig.pumpUntil(() -> ++rounds[0] > 1000, shipper);
            final long ackedWhileSilent = shipper.acked();
            rig.pumpUntil(() -> ++rounds[0] > 3000, shipper);
            assertEquals(ackedWhileSilent, shipper.acked(), "nothing more is acknowledged while the receiver is "
                + "silent (acknowledgements already sent may still arrive in the first rounds)");
            assertTrue(shipper.backPressured() > 0 || shipper.state() == LogShipper.State.AWAITING_RECEIVER,
                "the silent receiver shows as back pressure or a lost receiver, never as a blocked shipper");
            rig.pumpUntil(() -> shipper.backlog() == 0 && shipper.inFlight() == 0, shipper, receiver);
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldWaitForAReceiverThatIsNotThereYetAndThenShipEverything() {
        final Path log = rig.writeLog("robot-a", 200);
        try (LogShipper shipper = shipper(log)) {
            final int[] rounds = {0};
            rig.pumpUntil(() -> ++rounds[0] > 500, shipper);
            assertEquals(LogShipper.State.AWAITING_RECEIVER, shipper.state());
            assertEquals(0, shipper.shipped());
            try (FleetReceiver receiver = receiver()) {
                rig.pumpUntil(() -> shipper.backlog() == 0 && shipper.inFlight() == 0 && shipper.acked() == 200,
                    shipper, receiver);
            }
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldCountAndDropMalformedMessagesWithoutDisturbingARobotsStream() {
        final Path log = rig.writeLog("robot-a", 300);
        final Random random = new Random(13);
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[4096]);
        int sent = 0;
        try (LogShipper shipper = shipper(log); FleetReceiver receiver = receiver();
             ExclusivePublication fuzzer = rig.aeron().addExclusivePublication(channel,
                 LogShipperConfig.DEFAULT_STREAM_ID)) {
            rig.pumpUntil(fuzzer::isConnected, receiver);
            for (int i = 0; i < 200; i++) {
                final int length = fuzz(random, junk, i);
                while (fuzzer.offer(junk, 0, length) < 0) {
                    shipper.doWork();
                    receiver.doWork();
                }
                sent++;
                shipper.doWork();
                receiver.doWork();
            }
            final int expected = sent;
            rig.pumpUntil(() -> receiver.malformed() == expected && shipper.backlog() == 0
                && shipper.inFlight() == 0, shipper, receiver);
            assertEquals(expected, receiver.malformed());
            assertEquals(1, rig.notices.stream().filter(n -> n.contains("malformed")).count(), rig.notices.toString());
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    /**
     * Random bytes, truncated headers, announced lengths far beyond the message, bad names, receiver-only types
     * (ACK, CHALLENGE, POLICY), a PROOF with a truncated signature, a POLICY chunk longer than chunks are.
     */
    private static int fuzz(final Random random, final UnsafeBuffer junk, final int i) {
        final FleetMessageFlyweight message = new FleetMessageFlyweight();
        final byte[] name = "robot-a".getBytes(StandardCharsets.US_ASCII);
        return switch (i % 8) {
            case 0 -> {
                final int length = 1 + random.nextInt(600);
                for (int b = 0; b < length; b++) {
                    junk.putByte(b, (byte) random.nextInt());
                }
                yield length;
            }
            case 1 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.RECORD, name);
                yield random.nextInt(FleetMessageFlyweight.HEADER_LENGTH);
            }
            case 2 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.RECORD, name).intField(Integer.MAX_VALUE - i)
                    .index(5).secondIndex(6);
                yield FleetMessageFlyweight.payloadOffset(name.length) + 64;
            }
            case 3 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.HELLO, name).secondIndex(-1L - i);
                junk.putByte(FleetMessageFlyweight.NAME_OFFSET, (byte) '/');
                yield FleetMessageFlyweight.payloadOffset(name.length);
            }
            case 4 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.ACK, name).index(Long.MAX_VALUE);
                yield FleetMessageFlyweight.payloadOffset(name.length);
            }
            case 5 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.CHALLENGE, name).intField(i);
                yield FleetMessageFlyweight.payloadOffset(name.length) + FleetMessageFlyweight.NONCE_LENGTH;
            }
            case 6 -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.PROOF, name);
                yield FleetMessageFlyweight.payloadOffset(name.length) + FleetMessageFlyweight.PROOF_LENGTH / 2;
            }
            default -> {
                message.wrap(junk, 0).header(FleetMessageFlyweight.POLICY, name)
                    .intField(FleetMessageFlyweight.MAX_CHUNK_LENGTH + 1).index(1).secondIndex(1L << 32 | 200);
                yield FleetMessageFlyweight.payloadOffset(name.length) + FleetMessageFlyweight.CHUNK_HEADER_LENGTH + 64;
            }
        };
    }
}
