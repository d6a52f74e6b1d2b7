package dev.sparring.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipper against a scripted receiver that answers with the REWIND and ACK messages a test chooses. */
class ShipperRewindTest {
    @TempDir
    Path root;

    @Test
    void shouldKeepRecordsARewindCoversInFlightUntilTheyAreAcknowledged() {
        try (FleetRig rig = new FleetRig(root)) {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
            final Path log = rig.writeLog("robot-a", 50);
            try (Subscription fake = rig.aeron().addSubscription(channel, LogShipperConfig.DEFAULT_STREAM_ID);
                 LogShipper shipper = new LogShipper(LogShipperConfig.of("robot-a", log, channel,
                     "aeron:udp?endpoint=127.0.0.1:0"), rig.aeron(), rig.clock, rig.notices::add)) {
                final ScriptedReceiver receiving = new ScriptedReceiver(fake);
                final List<Long> recordIndices = receiving.recordIndices;
                rig.pumpUntil(() -> receiving.replyChannel != null, shipper, receiving);
                try (ExclusivePublication replies = rig.aeron().addExclusivePublication(receiving.replyChannel,
                    LogShipperConfig.DEFAULT_REPLY_STREAM_ID)) {
                    rig.pumpUntil(replies::isConnected, shipper, receiving);
                    reply(replies, FleetMessageFlyweight.REWIND, FleetMessageFlyweight.NULL_INDEX);
                    rig.pumpUntil(() -> recordIndices.size() == 50, shipper, receiving);
                    final long covered = recordIndices.get(19);
                    final long last = recordIndices.get(49);
                    reply(replies, FleetMessageFlyweight.REWIND, covered);
                    rig.pumpUntil(() -> recordIndices.size() == 80, shipper, receiving);
                    assertEquals(recordIndices.subList(20, 50), recordIndices.subList(50, 80),
                        "after REWIND to the 20th record, the 21st to the 50th are shipped again");
                    assertEquals(50, shipper.inFlight());
                    reply(replies, FleetMessageFlyweight.ACK, last);
                    rig.pumpUntil(() -> shipper.inFlight() == 0, shipper, receiving);
                    assertEquals(50, shipper.acked(), "every record acknowledged once");
                }
            }
        }
    }

    @Test
    void shouldCountEachRecordOnceWhenALaterRewindCoversRecordsAnEarlierOneDropped() {
        try (FleetRig rig = new FleetRig(root)) {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
            final Path log = rig.writeLog("robot-a", 50);
            final LogShipperConfig defaults = LogShipperConfig.of("robot-a", log, channel,
                "aeron:udp?endpoint=127.0.0.1:0");
            final LogShipperConfig oneRecordPerCycle = new LogShipperConfig(defaults.robotName(),
                defaults.logDirectory(), defaults.channel(), defaults.streamId(), defaults.replyChannel(),
                defaults.replyStreamId(), defaults.helloIntervalNs(), Long.MAX_VALUE / 4, defaults.windowRecords(), 1);
            try (Subscription fake = rig.aeron().addSubscription(channel, LogShipperConfig.DEFAULT_STREAM_ID);
                 LogShipper shipper = new LogShipper(oneRecordPerCycle, rig.aeron(), rig.clock, rig.notices::add)) {
                final ScriptedReceiver receiving = new ScriptedReceiver(fake);
                rig.pumpUntil(() -> receiving.replyChannel != null, shipper, receiving);
                try (ExclusivePublication replies = rig.aeron().addExclusivePublication(receiving.replyChannel,
                    LogShipperConfig.DEFAULT_REPLY_STREAM_ID)) {
                    rig.pumpUntil(replies::isConnected, shipper, receiving);
                    reply(replies, FleetMessageFlyweight.REWIND, FleetMessageFlyweight.NULL_INDEX);
                    rig.pumpUntil(() -> receiving.recordIndices.size() == 50, shipper, receiving);
                    final long last = receiving.recordIndices.get(49);
                    // a slow receiver's answers in the order they were sent: it held 20 records at one HELLO and all
                    // 50 at the next; the shipper reads the second before it has shipped the 21st to the 50th again
                    reply(replies, FleetMessageFlyweight.REWIND, receiving.recordIndices.get(19));
                    rig.pumpUntil(() -> shipper.rewinds() == 2, shipper);
                    reply(replies, FleetMessageFlyweight.REWIND, last);
                    rig.pumpUntil(() -> shipper.rewinds() == 3, shipper);
                    assertEquals(50, shipper.inFlight(), "the receiver holds all 50, none acknowledged yet");
                    reply(replies, FleetMessageFlyweight.ACK, last);
                    rig.pumpUntil(() -> shipper.ackedIndex() == last, shipper, receiving);
                    assertEquals(50, shipper.acked(), "every record acknowledged, each counted once");
                    assertEquals(0, shipper.inFlight());
                }
            }
        }
    }

    /** Records what a shipper sends: the reply channel of its HELLO and the index of each RECORD. */
    private static final class ScriptedReceiver implements Agent {
        private final FleetMessageFlyweight message = new FleetMessageFlyweight();
        private final List<Long> recordIndices = new ArrayList<>();
        private final FragmentHandler handler = this::onMessage;
        private final Subscription subscription;
        private String replyChannel;

        ScriptedReceiver(final Subscription subscription) {
            this.subscription = subscription;
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header) {
            message.wrap(buffer, offset);
            if (message.type() == FleetMessageFlyweight.HELLO) {
                replyChannel = buffer.getStringWithoutLengthAscii(message.payloadOffset(), (int) message.secondIndex());
            } else {
                recordIndices.add(message.secondIndex());
            }
        }

        @Override
        public int doWork() {
            return subscription.poll(handler, 64);
        }

        @Override
        public String roleName() {
            return "scripted-receiver";
        }
    }

    private static void reply(final ExclusivePublication replies, final int type, final long index) {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final byte[] name = RobotName.encode("robot-a");
        new FleetMessageFlyweight().wrap(buffer, 0).header(type, name).index(index);
        final int length = FleetMessageFlyweight.payloadOffset(name.length);
        while (replies.offer(buffer, 0, length) < 0) {
            Thread.onSpinWait();
        }
    }
}
