package dev.sparring.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.ExpandableArrayBuffer;
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
            final FleetMessageFlyweight message = new FleetMessageFlyweight();
            final List<Long> recordIndices = new ArrayList<>();
            final String[] replyChannel = new String[1];
            try (Subscription fake = rig.aeron().addSubscription(channel, LogShipperConfig.DEFAULT_STREAM_ID);
                 LogShipper shipper = new LogShipper(LogShipperConfig.of("robot-a", log, channel,
                     "aeron:udp?endpoint=127.0.0.1:0"), rig.aeron(), rig.clock, rig.notices::add)) {
                final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length, header) -> {
                    message.wrap(buffer, offset);
                    if (message.type() == FleetMessageFlyweight.HELLO) {
                        replyChannel[0] = buffer.getStringWithoutLengthAscii(message.payloadOffset(),
                            (int) message.secondIndex());
                    } else {
                        recordIndices.add(message.secondIndex());
                    }
                };
                final org.agrona.concurrent.Agent receiving = new org.agrona.concurrent.Agent() {
                    @Override
                    public int doWork() {
                        return fake.poll(handler, 64);
                    }

                    @Override
                    public String roleName() {
                        return "scripted-receiver";
                    }
                };
                rig.pumpUntil(() -> replyChannel[0] != null, shipper, receiving);
                try (ExclusivePublication replies = rig.aeron().addExclusivePublication(replyChannel[0],
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
