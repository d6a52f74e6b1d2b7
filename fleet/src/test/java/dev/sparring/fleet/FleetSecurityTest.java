package dev.sparring.fleet;

import dev.sparring.controller.trust.PolicySignature;
import dev.sparring.controller.trust.TestKeys;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.hal.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Robot keys on the receiver's allow-list, and signed policies sent back to the robots. */
class FleetSecurityTest {
    private static final KeyPair ROBOT = TestKeys.pair(1);
    private static final KeyPair OTHER_ROBOT = TestKeys.pair(2);
    private static final KeyPair TRAINER = TestKeys.pair(3);
    private static final KeyPair STRANGER = TestKeys.pair(4);
    private static final long CHALLENGE_TIMEOUT_NS = TimeUnit.HOURS.toNanos(1);

    @TempDir
    Path root;
    private FleetRig rig;
    private String channel;
    private Path out;
    private Path allow;
    private Path policies;
    private PolicyDirectory inbox;

    @BeforeEach
    void start() throws Exception {
        rig = new FleetRig(root);
        channel = "aeron:udp?endpoint=127.0.0.1:" + FleetRig.freeUdpPort();
        out = root.resolve("trainer");
        allow = Files.writeString(root.resolve("allow.txt"), "# robots of the lab\n" + TestKeys.trustLine("robot-a",
            ROBOT));
        policies = Files.createDirectories(root.resolve("policies"));
        inbox = new PolicyDirectory(policies, TrustList.read(TestKeys.trustFile(root.resolve("control.trust"),
            "trainer-1", TRAINER)), rig.notices::add);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private LogShipper shipper(final Path log, final KeyPair key, final PolicyInbox policyInbox) {
        return new LogShipper(LogShipperConfig.of("robot-a", log, channel + "|term-length=64k",
            "aeron:udp?endpoint=127.0.0.1:0"), rig.aeron(), rig.clock, rig.notices::add,
            key == null ? null : key.getPrivate(), policyInbox);
    }

    private FleetReceiver receiver() throws Exception {
        return receiver(FleetReceiverConfig.of(out, channel, AllowList.load(allow)).withSyncIntervalNs(0));
    }

    private FleetReceiver receiver(final FleetReceiverConfig config) {
        return new FleetReceiver(config, rig.aeron(), rig.clock, rig.nonces, rig.notices::add);
    }

    /** A receiver whose challenges outlive any test: the pumps advance its clock by rounds, however slow they run. */
    private FleetReceiver receiverWithLongChallenges() throws Exception {
        return receiver(FleetReceiverConfig.of(out, channel, AllowList.load(allow)).withSyncIntervalNs(0)
            .withChallengeTimeoutNs(CHALLENGE_TIMEOUT_NS));
    }

    private static byte[] signature(final KeyPair keys, final byte[] policy) throws Exception {
        return PolicySignature.sign(keys, policy).format().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] policyBytes(final int length, final long seed) {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<String> noticesWith(final String text) {
        return rig.notices.stream().filter(n -> n.contains(text)).toList();
    }

    @Test
    void shouldShipARobotThatProvesItHoldsTheKeyOnTheAllowList() throws Exception {
        final Path log = rig.writeLog("robot-a", 300);
        try (LogShipper shipper = shipper(log, ROBOT, null); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> shipper.acked() == 300 && shipper.inFlight() == 0, shipper, receiver);
            assertEquals(300, receiver.robot("robot-a").appended());
        }
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
        assertEquals(1, noticesWith("'robot-a' authenticated").size(), rig.notices.toString());
    }

    @Test
    void shouldSayOnceAtStartThatAReceiverWithoutAnAllowListAuthenticatesNobody() {
        try (FleetReceiver receiver = new FleetReceiver(FleetReceiverConfig.of(out, channel, null), rig.aeron(),
            rig.clock, rig.nonces, rig.notices::add)) {
            rig.pumpUntil(() -> true, receiver);
        }
        assertEquals(1, noticesWith("none is authenticated").size(), rig.notices.toString());
    }

    @Test
    void shouldDropAndReportOnceARobotNotOnTheAllowList() throws Exception {
        Files.writeString(allow, TestKeys.trustLine("robot-b", ROBOT));
        final Path log = rig.writeLog("robot-a", 100);
        try (LogShipper shipper = shipper(log, ROBOT, null); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> receiver.robot("robot-a") != null && receiver.robot("robot-a").refused() > 5,
                shipper, receiver);
            assertEquals(0, shipper.acked());
        }
        assertFalse(Files.exists(out.resolve("robot-a")), "no copy is made for a refused robot");
        final List<String> refusals = noticesWith("not on the allow-list");
        assertEquals(1, refusals.size(), "reported once: " + rig.notices);
        assertTrue(refusals.getFirst().contains("'robot-a'") && refusals.getFirst().contains("127.0.0.1"),
            refusals.getFirst());
    }

    @Test
    void shouldDropAndReportOnceARobotWhoseProofIsNotItsAllowListKeys() throws Exception {
        final Path log = rig.writeLog("robot-a", 100);
        try (LogShipper shipper = shipper(log, OTHER_ROBOT, null); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> receiver.robot("robot-a") != null && receiver.robot("robot-a").unauthenticated() > 5,
                shipper, receiver);
            assertEquals(0, shipper.acked());
            assertEquals(0, receiver.robot("robot-a").appended());
        }
        assertFalse(Files.exists(out.resolve("robot-a")), "no copy is made for a robot that failed to prove its key");
        final List<String> failures = noticesWith("failed authentication");
        assertEquals(1, failures.size(), "reported once: " + rig.notices);
        assertTrue(failures.getFirst().contains("'robot-a'") && failures.getFirst().contains("127.0.0.1"),
            failures.getFirst());
    }

    @Test
    void shouldNotChallengeWhenTheShipperHasNoKeyAndSaySo() throws Exception {
        final Path log = rig.writeLog("robot-a", 10);
        try (LogShipper shipper = shipper(log, null, null); FleetReceiver receiver = receiver()) {
            rig.pumpUntil(() -> !noticesWith("has none: start it with --key FILE").isEmpty(), shipper, receiver);
            pumpRounds(600, shipper, receiver);
            assertEquals(0, shipper.acked());
            assertEquals(LogShipper.State.AWAITING_RECEIVER, shipper.state());
        }
        assertFalse(Files.exists(out.resolve("robot-a")));
    }

    @Test
    void shouldRefuseAProofReplayedFromAnotherSession() throws Exception {
        try (FleetReceiver receiver = receiver();
             RawRobot first = new RawRobot(); RawRobot second = new RawRobot()) {
            final byte[] firstNonce = first.challenge(receiver);
            final byte[] proofOfFirst = FleetProof.sign(ROBOT.getPrivate(), firstNonce, first.sessionId(),
                RobotName.encode("robot-a"));
            second.challenge(receiver);
            second.send(FleetMessageFlyweight.PROOF, proofOfFirst, receiver);
            rig.pumpUntil(() -> !noticesWith("failed authentication").isEmpty(), receiver);
            assertFalse(Files.exists(out.resolve("robot-a")), "a replayed proof opens no copy");
            first.send(FleetMessageFlyweight.PROOF, proofOfFirst, receiver);
            rig.pumpUntil(() -> !noticesWith("'robot-a' authenticated").isEmpty(), receiver);
            assertTrue(Files.exists(out.resolve("robot-a")), "the same proof on its own session is accepted");
        }
        assertEquals(1, noticesWith("failed authentication").size(), rig.notices.toString());
    }

    @Test
    void shouldKeepAtMostFourChallengesForOneRobotDroppingTheOldestAndSayingSoOnce() throws Exception {
        final List<RawRobot> sessions = new ArrayList<>();
        final List<byte[]> challengeNonces = new ArrayList<>();
        try (FleetReceiver receiver = receiverWithLongChallenges()) {
            for (int i = 0; i < PendingChallenges.MAX_PER_ROBOT + 2; i++) {
                sessions.add(new RawRobot());
                challengeNonces.add(sessions.getLast().challenge(receiver));
            }
            assertEquals(PendingChallenges.MAX_PER_ROBOT, receiver.pendingChallenges());
            final RawRobot first = sessions.getFirst();
            first.send(FleetMessageFlyweight.PROOF, FleetProof.sign(ROBOT.getPrivate(), challengeNonces.getFirst(),
                first.sessionId(), RobotName.encode("robot-a")), receiver);
            rig.pumpUntil(() -> receiver.robot("robot-a").unauthenticated() > 0, receiver);
            assertFalse(Files.exists(out.resolve("robot-a")), "a dropped challenge's proof opens no copy");
            final RawRobot last = sessions.getLast();
            last.send(FleetMessageFlyweight.PROOF, FleetProof.sign(ROBOT.getPrivate(), challengeNonces.getLast(),
                last.sessionId(), RobotName.encode("robot-a")), receiver);
            rig.pumpUntil(() -> !noticesWith("'robot-a' authenticated").isEmpty(), receiver);
            assertEquals(PendingChallenges.MAX_PER_ROBOT - 1, receiver.pendingChallenges());
        } finally {
            sessions.forEach(RawRobot::close);
        }
        assertEquals(1, noticesWith("sessions are asking to be it").size(), rig.notices.toString());
    }

    @Test
    void shouldDropAChallengeNotAnsweredWithinItsTimeout() throws Exception {
        try (FleetReceiver receiver = receiverWithLongChallenges(); RawRobot session = new RawRobot()) {
            final byte[] nonce = session.challenge(receiver);
            assertEquals(1, receiver.pendingChallenges());
            // half the timeout on: the rounds the challenge took to arrive (real time, at 1 ms of clock each) are far
            // fewer than half an hour's
            rig.clock.advance(CHALLENGE_TIMEOUT_NS / 2);
            pumpRounds(10, receiver);
            assertEquals(1, receiver.pendingChallenges(), "not yet expired");
            rig.clock.advance(CHALLENGE_TIMEOUT_NS / 2);
            pumpRounds(10, receiver);
            assertEquals(0, receiver.pendingChallenges());
            session.send(FleetMessageFlyweight.PROOF, FleetProof.sign(ROBOT.getPrivate(), nonce, session.sessionId(),
                RobotName.encode("robot-a")), receiver);
            rig.pumpUntil(() -> receiver.robot("robot-a").unauthenticated() > 0, receiver);
        }
        assertFalse(Files.exists(out.resolve("robot-a")), "an expired challenge's proof opens no copy");
    }

    @Test
    void shouldCountMessagesUnderMadeUpNamesTogetherBeyondTheLimitInsteadOfGrowing() throws Exception {
        final int extra = 6;
        try (FleetReceiver receiver = receiver(); RawRobot session = new RawRobot()) {
            for (int i = 0; i < FleetReceiver.MAX_UNLISTED_ROBOTS + extra; i++) {
                session.helloAs("made-up-" + i, receiver);
            }
            rig.pumpUntil(() -> receiver.refusedBeyondUnlistedLimit() == extra, receiver);
            assertTrue(receiver.robot("made-up-0") != null && receiver.robot("made-up-0").refused() == 1);
            assertEquals(null, receiver.robot("made-up-" + FleetReceiver.MAX_UNLISTED_ROBOTS));
        }
        assertEquals(FleetReceiver.MAX_UNLISTED_ROBOTS, noticesWith("is not on the allow-list").size());
        assertEquals(1, noticesWith("messages under further unlisted names are counted together").size(),
            rig.notices.toString());
    }

    @Test
    void shouldForgetAFailedSessionOnceItsImageHasGone() throws Exception {
        try (FleetReceiver receiver = receiver()) {
            try (RawRobot session = new RawRobot()) {
                final byte[] nonce = session.challenge(receiver);
                session.send(FleetMessageFlyweight.PROOF, FleetProof.sign(STRANGER.getPrivate(), nonce,
                    session.sessionId(), RobotName.encode("robot-a")), receiver);
                rig.pumpUntil(() -> !noticesWith("failed authentication").isEmpty(), receiver);
                assertTrue(receiver.sessionsRemembered() >= 2, "its robot and its failure");
            }
            rig.pumpUntil(() -> receiver.sessionsRemembered() == 0, receiver);
        }
    }

    @Test
    void shouldRefuseAnAllowListLineWithoutAKeyNamingTheLineAndWhatToWrite() throws Exception {
        Files.writeString(allow, "# robots\nrobot-a\n");
        final ConfigException e = assertThrows(ConfigException.class, () -> AllowList.load(allow));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("write the key after the name")
            && e.getMessage().contains("robot-a MCowBQYDK2VwAyEA"), e.getMessage());
    }

    @Test
    void shouldWriteAPublishedPolicyOnceWhenItsSignatureVerifies() throws Exception {
        final byte[] policy = policyBytes(2_000, 1);
        final Path log = rig.writeLog("robot-a", 50);
        try (LogShipper shipper = shipper(log, ROBOT, inbox); FleetReceiver receiver = receiver()) {
            receiver.publishPolicy("robot-a", policy, signature(TRAINER, policy));
            rig.pumpUntil(() -> receiver.robot("robot-a") != null && receiver.robot("robot-a").policyAcknowledged()
                && shipper.acked() == 50, shipper, receiver);
            pumpRounds(500, shipper, receiver);
            assertEquals(1, shipper.policiesReceived());
        }
        assertEquals(1, inbox.written());
        assertArrayEquals(policy, Files.readAllBytes(policies.resolve("robot-a.policy")));
        TrustList.read(root.resolve("control.trust")).verify(policies.resolve("robot-a.policy"),
            Files.readAllBytes(policies.resolve("robot-a.policy")));
    }

    @Test
    void shouldDeliverALargePolicyIntact() throws Exception {
        final byte[] policy = policyBytes(400_000, 2);
        final Path log = rig.writeLog("robot-a", 10);
        try (LogShipper shipper = shipper(log, ROBOT, inbox); FleetReceiver receiver = receiver()) {
            receiver.publishPolicy("robot-a", policy, signature(TRAINER, policy));
            rig.pumpUntil(() -> inbox.written() == 1, shipper, receiver);
        }
        assertArrayEquals(policy, Files.readAllBytes(policies.resolve("robot-a.policy")));
    }

    @Test
    void shouldRefuseTamperedAndForeignSignedPoliciesAndKeepShipping() throws Exception {
        final byte[] policy = policyBytes(3_000, 3);
        final byte[] tampered = policy.clone();
        tampered[1234] ^= 1;
        final Path log = rig.writeLog("robot-a", 200);
        try (LogShipper shipper = shipper(log, ROBOT, inbox); FleetReceiver receiver = receiver()) {
            receiver.publishPolicy("robot-a", tampered, signature(TRAINER, policy));
            rig.pumpUntil(() -> inbox.refused() == 1, shipper, receiver);
            receiver.publishPolicy("robot-a", policy, signature(STRANGER, policy));
            rig.pumpUntil(() -> inbox.refused() == 2, shipper, receiver);
            rig.writeLog("robot-a", 100);
            rig.pumpUntil(() -> shipper.acked() == 300 && shipper.inFlight() == 0, shipper, receiver);
            assertEquals(LogShipper.State.STREAMING, shipper.state());
        }
        assertEquals(0, inbox.written());
        assertFalse(Files.exists(policies.resolve("robot-a.policy")));
        assertFalse(Files.exists(policies.resolve("robot-a.policy.sig")));
        assertEquals(1, noticesWith("is tampered").size(), rig.notices.toString());
        assertEquals(1, noticesWith("signed by unknown key").size(), rig.notices.toString());
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    @Test
    void shouldRefuseAnUnsignedPolicyOnBothEnds() throws Exception {
        final byte[] policy = policyBytes(100, 4);
        inbox.onPolicy("robot-a", 1, policy, new byte[0]);
        assertEquals(1, inbox.refused());
        assertFalse(Files.exists(policies.resolve("robot-a.policy")));
        assertEquals(1, noticesWith("refused policy #1").size(), rig.notices.toString());
        try (FleetReceiver receiver = receiver()) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> receiver.publishPolicy("robot-a", policy, new byte[0]));
            assertTrue(e.getMessage().contains("cannot publish a policy to robot 'robot-a'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> receiver.publishPolicy("robot-z", policy,
                signature(TRAINER, policy)), "a robot not on the allow-list");
        }
    }

    @Test
    void shouldDeliverTheLatestPolicyAgainToARestartedShipperThatHadNotAcknowledgedIt() throws Exception {
        final byte[] first = policyBytes(1_000, 5);
        final byte[] second = policyBytes(1_500, 6);
        final Path log = rig.writeLog("robot-a", 20);
        try (FleetReceiver receiver = receiver()) {
            try (LogShipper shipper = shipper(log, ROBOT, inbox)) {
                receiver.publishPolicy("robot-a", first, signature(TRAINER, first));
                rig.pumpUntil(() -> receiver.robot("robot-a") != null
                    && receiver.robot("robot-a").policyAcknowledged(), shipper, receiver);
                receiver.publishPolicy("robot-a", second, signature(TRAINER, second));
            }
            pumpRounds(50, receiver);
            assertFalse(receiver.robot("robot-a").policyAcknowledged(), "the stopped shipper acknowledged nothing");
            final List<Long> received = new ArrayList<>();
            try (LogShipper restarted = shipper(log, ROBOT, (robot, sequence, policy, signature) -> {
                received.add(sequence);
                inbox.onPolicy(robot, sequence, policy, signature);
            })) {
                rig.pumpUntil(() -> receiver.robot("robot-a").policyAcknowledged(), restarted, receiver);
                pumpRounds(300, restarted, receiver);
            }
            assertEquals(List.of(2L), received, "only the latest, unacknowledged policy is sent again");
        }
        assertArrayEquals(second, Files.readAllBytes(policies.resolve("robot-a.policy")));
    }

    @Test
    void shouldPublishPoliciesPutInTheFolderWhenNewOrChanged() throws Exception {
        final Path outbox = Files.createDirectories(root.resolve("outbox"));
        final byte[] policy = policyBytes(800, 7);
        final Path log = rig.writeLog("robot-a", 5);
        try (LogShipper shipper = shipper(log, ROBOT, inbox); FleetReceiver receiver = receiver()) {
            final PolicyFolder folder = new PolicyFolder(outbox, receiver, rig.clock, rig.notices::add);
            Files.write(outbox.resolve("robot-a.policy"), policy);
            rig.pumpUntil(() -> !noticesWith("is unsigned").isEmpty(), folder);
            Files.write(outbox.resolve("robot-a.policy.sig"), signature(TRAINER, policy));
            rig.pumpUntil(() -> inbox.written() == 1, folder, shipper, receiver);
            pumpRounds(2_500, folder, shipper, receiver);
            assertEquals(1, inbox.written(), "an unchanged file is published once");
        }
        assertArrayEquals(policy, Files.readAllBytes(policies.resolve("robot-a.policy")));
    }

    @Test
    void shouldCountMalformedChallengesAndPolicyChunksAtTheShipperAndKeepShipping() throws Exception {
        final int replyPort = FleetRig.freeUdpPort();
        final String replyChannel = "aeron:udp?endpoint=127.0.0.1:" + replyPort;
        final Path log = rig.writeLog("robot-a", 200);
        final byte[] name = RobotName.encode("robot-a");
        final int payload = FleetMessageFlyweight.payloadOffset(name.length);
        final FleetMessageFlyweight message = new FleetMessageFlyweight();
        final ExpandableArrayBuffer junk = new ExpandableArrayBuffer(256);
        try (LogShipper shipper = new LogShipper(LogShipperConfig.of("robot-a", log, channel + "|term-length=64k",
            replyChannel), rig.aeron(), rig.clock, rig.notices::add, ROBOT.getPrivate(), inbox);
             FleetReceiver receiver = receiver();
             ExclusivePublication fuzzer = rig.aeron().addExclusivePublication(replyChannel,
                 LogShipperConfig.DEFAULT_REPLY_STREAM_ID)) {
            rig.pumpUntil(() -> fuzzer.isConnected() && shipper.acked() == 200, shipper, receiver);
            // a CHALLENGE for another session
            message.wrap(junk, 0).header(FleetMessageFlyweight.CHALLENGE, name).intField(fuzzer.sessionId() + 1);
            send(fuzzer, junk, payload + FleetMessageFlyweight.NONCE_LENGTH, shipper, receiver);
            // a POLICY chunk that does not start a policy
            message.wrap(junk, 0).header(FleetMessageFlyweight.POLICY, name).intField(100).index(1)
                .secondIndex(10_000L << 32 | 200);
            junk.putLong(payload, 4096);
            send(fuzzer, junk, payload + FleetMessageFlyweight.CHUNK_HEADER_LENGTH + 100, shipper, receiver);
            // a POLICY announcing more than the most a policy may be
            message.wrap(junk, 0).header(FleetMessageFlyweight.POLICY, name).intField(100).index(1)
                .secondIndex((long) FleetReceiver.MAX_POLICY_BYTES << 32 | 200);
            junk.putLong(payload, 0);
            send(fuzzer, junk, payload + FleetMessageFlyweight.CHUNK_HEADER_LENGTH + 100, shipper, receiver);
            // a PROOF, which only a shipper sends
            message.wrap(junk, 0).header(FleetMessageFlyweight.PROOF, name);
            send(fuzzer, junk, payload + FleetMessageFlyweight.PROOF_LENGTH, shipper, receiver);
            rig.writeLog("robot-a", 50);
            rig.pumpUntil(() -> shipper.malformedReplies() == 4 && shipper.acked() == 250
                && shipper.inFlight() == 0, shipper, receiver);
            assertEquals(0, shipper.policiesReceived());
        }
        assertEquals(0, inbox.written() + inbox.refused());
        FleetRig.assertSameRecords(log, out.resolve("robot-a"));
    }

    private void send(final ExclusivePublication fuzzer, final ExpandableArrayBuffer junk, final int length,
        final Agent... agents) {
        rig.pumpUntil(() -> fuzzer.offer(junk, 0, length) > 0, agents);
    }

    private void pumpRounds(final int rounds, final Agent... agents) {
        final int[] left = {rounds};
        rig.pumpUntil(() -> left[0]-- <= 0, agents);
    }

    /** A robot speaking the protocol by hand: its own session, its own reply subscription. */
    private final class RawRobot implements AutoCloseable {
        private final int replyPort = FleetRig.freeUdpPort();
        private final ExclusivePublication publication = rig.aeron().addExclusivePublication(channel,
            LogShipperConfig.DEFAULT_STREAM_ID);
        private final Subscription replies = rig.aeron().addSubscription("aeron:udp?endpoint=127.0.0.1:" + replyPort,
            LogShipperConfig.DEFAULT_REPLY_STREAM_ID);
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        private final byte[] name = RobotName.encode("robot-a");

        int sessionId() {
            return publication.sessionId();
        }

        /** Says HELLO until the receiver's CHALLENGE for this session arrives. */
        byte[] challenge(final FleetReceiver receiver) {
            final byte[] reply = ("aeron:udp?endpoint=127.0.0.1:" + replyPort).getBytes(StandardCharsets.US_ASCII);
            final byte[] nonce = new byte[FleetMessageFlyweight.NONCE_LENGTH];
            final boolean[] got = {false};
            final FleetMessageFlyweight incoming = new FleetMessageFlyweight();
            final int[] round = {0};
            rig.pumpUntil(() -> {
                if (round[0]++ % 100 == 0) {
                    publication.offer(buffer, 0, hello(name, reply));
                }
                replies.poll((b, o, l, h) -> {
                    incoming.wrap(b, o);
                    if (incoming.problem(l) == null && incoming.type() == FleetMessageFlyweight.CHALLENGE
                        && incoming.intField() == sessionId()) {
                        b.getBytes(incoming.payloadOffset(), nonce);
                        got[0] = true;
                    }
                }, 10);
                return got[0];
            }, receiver);
            return nonce;
        }

        /** Writes a HELLO under this name into the buffer; returns its length. */
        private int hello(final byte[] robotName, final byte[] reply) {
            final int offset = FleetMessageFlyweight.payloadOffset(robotName.length);
            new FleetMessageFlyweight().wrap(buffer, 0).header(FleetMessageFlyweight.HELLO, robotName)
                .intField(LogShipperConfig.DEFAULT_REPLY_STREAM_ID).index(FleetMessageFlyweight.NULL_INDEX)
                .secondIndex(reply.length);
            buffer.putBytes(offset, reply);
            return offset + reply.length;
        }

        /** Says HELLO once under another robot's name. */
        void helloAs(final String robot, final FleetReceiver receiver) {
            final int length = hello(RobotName.encode(robot),
                ("aeron:udp?endpoint=127.0.0.1:" + replyPort).getBytes(StandardCharsets.US_ASCII));
            rig.pumpUntil(() -> publication.offer(buffer, 0, length) > 0, receiver);
        }

        void send(final int type, final byte[] payload, final FleetReceiver receiver) {
            final int offset = FleetMessageFlyweight.payloadOffset(name.length);
            new FleetMessageFlyweight().wrap(buffer, 0).header(type, name);
            buffer.putBytes(offset, payload);
            rig.pumpUntil(() -> publication.offer(buffer, 0, offset + payload.length) > 0, receiver);
        }

        @Override
        public void close() {
            publication.close();
            replies.close();
        }
    }
}
