package dev.sparring.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receiver against a scripted shipper that sends the HELLO and RECORD messages a test chooses. */
class ReceiverHelloTest {
    private static final byte[] NAME = RobotName.encode("robot-a");

    @TempDir
    Path root;

    /**
     * An ACK sent into a reply connection that then died (the link down longer than Aeron's liveness timeouts) is
     * lost with it; a shipper whose records are all in the copy gets no further ACK from new records and asks again
     * with HELLO: the answer must acknowledge what is persisted, or the shipper waits for it forever.
     */
    @Test
    void shouldAnswerAHelloWithTheLastPersistedIndexAsWellAsTheRewind() {
        try (FleetRig rig = new FleetRig(root)) {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
            final String replyChannel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
            try (FleetReceiver receiver = new FleetReceiver(FleetReceiverConfig.of(root.resolve("trainer"), channel,
                     null).withSyncIntervalNs(0), rig.aeron(), rig.clock, rig.nonces, rig.notices::add);
                 ExclusivePublication robot = rig.aeron().addExclusivePublication(channel,
                     LogShipperConfig.DEFAULT_STREAM_ID);
                 Subscription replies = rig.aeron().addSubscription(replyChannel,
                     LogShipperConfig.DEFAULT_REPLY_STREAM_ID)) {
                final Replies answers = new Replies(replies);
                rig.pumpUntil(robot::isConnected, receiver, answers);
                send(robot, hello(replyChannel));
                rig.pumpUntil(() -> answers.types.contains(FleetMessageFlyweight.REWIND), receiver, answers);
                for (long index = 10; index < 13; index++) {
                    send(robot, record(index - 1 == 9 ? FleetMessageFlyweight.NULL_INDEX : index - 1, index));
                }
                rig.pumpUntil(() -> answers.indices.contains(12L), receiver, answers);
                answers.clear();
                send(robot, hello(replyChannel));
                rig.pumpUntil(() -> answers.types.contains(FleetMessageFlyweight.REWIND), receiver, answers);
                rig.pumpUntil(() -> answers.types.size() >= 2, receiver, answers);
                assertTrue(answers.types.contains(FleetMessageFlyweight.ACK), "answers to HELLO: " + answers.types);
                assertEquals(12L, answers.indices.get(answers.types.indexOf(FleetMessageFlyweight.ACK)));
            }
        }
    }

    private static ExpandableArrayBuffer hello(final String replyChannel) {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final byte[] reply = replyChannel.getBytes(StandardCharsets.US_ASCII);
        new FleetMessageFlyweight().wrap(buffer, 0).header(FleetMessageFlyweight.HELLO, NAME)
            .intField(LogShipperConfig.DEFAULT_REPLY_STREAM_ID).index(10).secondIndex(reply.length);
        buffer.putBytes(FleetMessageFlyweight.payloadOffset(NAME.length), reply);
        return buffer;
    }

    private static ExpandableArrayBuffer record(final long previousIndex, final long index) {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        new FleetMessageFlyweight().wrap(buffer, 0).header(FleetMessageFlyweight.RECORD, NAME).intField(64)
            .index(previousIndex).secondIndex(index);
        buffer.setMemory(FleetMessageFlyweight.payloadOffset(NAME.length), 64, (byte) index);
        return buffer;
    }

    private static void send(final ExclusivePublication robot, final ExpandableArrayBuffer message) {
        final FleetMessageFlyweight flyweight = new FleetMessageFlyweight().wrap(message, 0);
        final int length = FleetMessageFlyweight.payloadOffset(NAME.length)
            + (flyweight.type() == FleetMessageFlyweight.RECORD ? flyweight.intField() : (int) flyweight.secondIndex());
        while (robot.offer(message, 0, length) < 0) {
            Thread.onSpinWait();
        }
    }

    /** The receiver's answers, type and index, in order. */
    private static final class Replies implements Agent {
        private final FleetMessageFlyweight message = new FleetMessageFlyweight();
        private final List<Integer> types = new ArrayList<>();
        private final List<Long> indices = new ArrayList<>();
        private final Subscription subscription;
        private final FragmentHandler handler = (buffer, offset, length, header) -> {
            message.wrap(buffer, offset);
            types.add(message.type());
            indices.add(message.index());
        };

        Replies(final Subscription subscription) {
            this.subscription = subscription;
        }

        void clear() {
            types.clear();
            indices.clear();
        }

        @Override
        public int doWork() {
            return subscription.poll(handler, 64);
        }

        @Override
        public String roleName() {
            return "scripted-shipper";
        }
    }
}
