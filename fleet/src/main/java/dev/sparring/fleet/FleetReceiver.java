package dev.sparring.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.sparring.controller.trust.PolicyRefusedException;
import dev.sparring.controller.trust.PolicySignature;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The trainer side of the fleet transport: one subscription takes every robot's stream; each robot's records go to
 * its own copy of its log ({@link RobotLogCopy}, under {@code out/<robot>/}), exactly once and in order.
 * <p>
 * A RECORD names its own source index and the one shipped before it. It is appended when the one before is the last
 * the copy holds; dropped as a duplicate when the copy already holds its index; and dropped as out of sequence
 * otherwise (a gap: records went missing, e.g. the receiver restarted mid-stream), which asks the shipper to REWIND
 * to the copy's last index. A HELLO (a shipper starting or reconnecting) opens the robot's copy, recovers its last
 * index from the copy itself, opens the route back to the shipper, and answers REWIND with that index, and ACK with
 * the persisted one (an earlier ACK may have been lost with a reply connection that died). Appended
 * records are synced every {@link FleetReceiverConfig#syncIntervalNs()} and only then acknowledged (ACK), so a shipper
 * never takes an acknowledgement for a record that a power loss could take back.
 * <p>
 * With an allow-list, a robot proves it holds its key before anything else: its HELLO is answered with a CHALLENGE
 * (a fresh nonce for its Aeron session), and only a PROOF that verifies with the robot's key from the allow-list
 * ({@link FleetProof}) opens its copy and gets a REWIND; until then its RECORDs are dropped (counted). A robot not on
 * the list, or a session whose proof fails, is dropped and reported once, with its name and address, and gets no
 * directory. Without an allow-list every robot is accepted (said once, at start). A message that is not a
 * well-formed fleet message is counted and dropped, and reported once per sender session.
 * <p>
 * Policies go back the same way: {@link #publishPolicy} keeps the latest policy per robot and sends it in POLICY
 * chunks when the robot is connected (and authenticated), again after each reconnect until the shipper answers
 * POLICY_ACK.
 */
public final class FleetReceiver implements Agent, AutoCloseable {
    /** The largest policy plus signature {@link #publishPolicy} sends: 64 MiB. */
    public static final int MAX_POLICY_BYTES = 64 << 20;
    /** The most POLICY chunks sent to one robot per duty cycle. */
    static final int POLICY_CHUNKS_PER_CYCLE = 16;
    /** The most robot names not on the allow-list that are kept and reported one by one. */
    static final int MAX_UNLISTED_ROBOTS = 64;
    /** How often expired challenges and the state of sessions that have gone are dropped. */
    static final long SWEEP_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String UNLISTED_OVERFLOW_NAME = "unlisted-robots";

    private final FleetReceiverConfig config;
    private final Aeron aeron;
    private final NanoClock clock;
    private final Consumer<String> notices;
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);
    private final FleetMessageFlyweight incoming = new FleetMessageFlyweight();
    private final FleetMessageFlyweight outgoing = new FleetMessageFlyweight();
    private final ExpandableArrayBuffer replyBuffer = new ExpandableArrayBuffer(128);
    private final Map<String, RobotStream> byName = new HashMap<>();
    private final List<RobotStream> robots = new ArrayList<>();
    private final Int2ObjectHashMap<RobotStream> bySession = new Int2ObjectHashMap<>();
    private final IntHashSet malformedSessionsReported = new IntHashSet();
    private final RandomGenerator nonces;
    private final PendingChallenges challenges;
    private final IntHashSet failedSessions = new IntHashSet();
    private RobotStream unlistedOverflow;
    private int unlisted;
    private long lastSweepNs;
    private final ConcurrentLinkedQueue<PublishedPolicy> published = new ConcurrentLinkedQueue<>();
    private boolean closed;
    private long lastSyncNs;
    private long received;
    private long malformed;

    /**
     * Adds the subscription (a round trip to the media driver); says once that it authenticates nobody when the config
     * has no allow-list.
     *
     * @param config  where to listen and write.
     * @param aeron   a connected Aeron client.
     * @param clock   the clock of syncs and rewinds.
     * @param nonces  the randomness of the challenges' nonces (a {@link java.security.SecureRandom}; seeded in tests).
     * @param notices receives each new robot, refusal and problem, as one line.
     */
    public FleetReceiver(final FleetReceiverConfig config, final Aeron aeron, final NanoClock clock,
        final RandomGenerator nonces, final Consumer<String> notices) {
        this.config = config;
        this.aeron = aeron;
        this.clock = clock;
        this.nonces = nonces;
        this.notices = notices;
        this.challenges = new PendingChallenges(config.challengeTimeoutNs(), notices);
        this.subscription = aeron.addSubscription(config.channel(), config.streamId());
        this.lastSyncNs = clock.nanoTime();
        this.lastSweepNs = lastSyncNs;
        if (config.allowList() == null) {
            notices.accept("no allow-list: every robot is accepted under the name it gives, and none is "
                + "authenticated (give --allow FILE with each robot's public key)");
        }
    }

    /**
     * Publishes a policy to a robot: kept as its latest (replacing one not yet delivered), sent when the robot is
     * connected and authenticated, and sent again after each reconnect until its shipper acknowledges it. Any thread
     * may call this; the agent picks it up on its next duty cycle.
     *
     * @param robot     the robot's name.
     * @param policy    the policy file's bytes.
     * @param signature its detached signature file's bytes ({@code POLICY.sig}, {@link PolicySignature}).
     * @throws IllegalArgumentException when the name is not a robot name or not on the allow-list, the signature is
     *                                  not a signature file, or the two exceed {@link #MAX_POLICY_BYTES}.
     */
    public void publishPolicy(final String robot, final byte[] policy, final byte[] signature) {
        RobotName.encode(robot);
        if (config.allowList() != null && !config.allowList().allows(robot)) {
            throw new IllegalArgumentException("cannot publish a policy to robot '" + robot + "': it is not on the "
                + "allow-list " + config.allowList().source());
        }
        try {
            PolicySignature.parse("of the policy for robot '" + robot + "'",
                new String(signature, StandardCharsets.UTF_8));
        } catch (final PolicyRefusedException e) {
            throw new IllegalArgumentException("cannot publish a policy to robot '" + robot + "': " + e.getMessage(),
                e);
        }
        if ((long) policy.length + signature.length > MAX_POLICY_BYTES) {
            throw new IllegalArgumentException("cannot publish a policy of " + policy.length + " bytes to robot '"
                + robot + "': a policy and its signature are sent up to " + MAX_POLICY_BYTES + " bytes");
        }
        final byte[] blob = new byte[policy.length + signature.length];
        System.arraycopy(policy, 0, blob, 0, policy.length);
        System.arraycopy(signature, 0, blob, policy.length, signature.length);
        published.add(new PublishedPolicy(robot, blob, policy.length));
    }

    @Override
    public String roleName() {
        return "fleet-receiver";
    }

    @Override
    public int doWork() {
        int work = subscription.poll(assembler, config.fragmentLimit());
        for (PublishedPolicy policy = published.poll(); policy != null; policy = published.poll()) {
            takePolicy(policy);
            work++;
        }
        final long nowNs = clock.nanoTime();
        if (nowNs - lastSyncNs - config.syncIntervalNs() >= 0) {
            work += sync();
            lastSyncNs = nowNs;
        }
        if (nowNs - lastSweepNs - SWEEP_INTERVAL_NS >= 0) {
            work += challenges.expire(nowNs) + forgetGoneSessions();
            lastSweepNs = nowNs;
        }
        final List<RobotStream> all = robots;
        for (int i = 0, n = all.size(); i < n; i++) {
            work += reply(all.get(i), nowNs);
        }
        return work;
    }

    /**
     * Syncs every copy appended to since the last sync, and marks their last records for acknowledgement.
     *
     * @return how many copies were synced.
     */
    public int sync() {
        int synced = 0;
        final List<RobotStream> all = robots;
        for (int i = 0, n = all.size(); i < n; i++) {
            final RobotStream robot = all.get(i);
            if (robot.dirty) {
                robot.copy.sync();
                robot.persistedIndex = robot.copy.lastIndex();
                robot.dirty = false;
                robot.ackPending = true;
                synced++;
            }
        }
        return synced;
    }

    /**
     * Forgets what is kept per Aeron session (the session's robot, a failed proof, a malformed message reported) once
     * the session's image has gone from the subscription, so that sessions coming and going do not pile up.
     *
     * @return how many entries were forgotten.
     */
    private int forgetGoneSessions() {
        int forgotten = 0;
        for (final Int2ObjectHashMap<RobotStream>.KeyIterator it = bySession.keySet().iterator(); it.hasNext(); ) {
            if (subscription.imageBySessionId(it.nextInt()) == null) {
                it.remove();
                forgotten++;
            }
        }
        forgotten += forgetGone(failedSessions) + forgetGone(malformedSessionsReported);
        return forgotten;
    }

    private int forgetGone(final IntHashSet sessions) {
        int forgotten = 0;
        for (final IntHashSet.IntIterator it = sessions.iterator(); it.hasNext(); ) {
            if (subscription.imageBySessionId(it.nextValue()) == null) {
                it.remove();
                forgotten++;
            }
        }
        return forgotten;
    }

    private int reply(final RobotStream robot, final long nowNs) {
        if (robot.reply == null) {
            return 0;
        }
        int work = 0;
        if (robot.rewindPending && offer(robot, FleetMessageFlyweight.REWIND, robot.copy.lastIndex())) {
            robot.rewindPending = false;
            robot.rewindSent = true;
            robot.rewindAtNs = nowNs;
            work++;
        }
        if (robot.ackPending && offer(robot, FleetMessageFlyweight.ACK, robot.persistedIndex)) {
            robot.ackPending = false;
            work++;
        }
        if (robot.policy != null && !robot.policyAcked && robot.connected) {
            work += sendPolicy(robot);
        }
        return work;
    }

    private boolean offer(final RobotStream robot, final int type, final long index) {
        final byte[] name = robot.nameBytes();
        outgoing.wrap(replyBuffer, 0).header(type, name).index(index);
        return robot.reply.offer(replyBuffer, 0, FleetMessageFlyweight.payloadOffset(name.length)) > 0;
    }

    /** Sends the next chunks of the robot's latest policy, as many as the publication takes (a bounded number). */
    private int sendPolicy(final RobotStream robot) {
        final byte[] name = robot.nameBytes();
        final byte[] blob = robot.policy;
        final int payloadOffset = FleetMessageFlyweight.payloadOffset(name.length);
        final long lengths = (long) robot.policyLength << 32 | (blob.length - robot.policyLength);
        int work = 0;
        while (work < POLICY_CHUNKS_PER_CYCLE && robot.policySentBytes < blob.length) {
            final int from = robot.policySentBytes;
            final int chunk = Math.min(FleetMessageFlyweight.MAX_CHUNK_LENGTH, blob.length - from);
            outgoing.wrap(replyBuffer, 0).header(FleetMessageFlyweight.POLICY, name).intField(chunk)
                .index(robot.policySequence).secondIndex(lengths);
            replyBuffer.putLong(payloadOffset, from);
            replyBuffer.putBytes(payloadOffset + FleetMessageFlyweight.CHUNK_HEADER_LENGTH, blob, from, chunk);
            if (robot.reply.offer(replyBuffer, 0, payloadOffset + FleetMessageFlyweight.CHUNK_HEADER_LENGTH + chunk)
                <= 0) {
                break;
            }
            robot.policySentBytes = from + chunk;
            work++;
        }
        return work;
    }

    private void takePolicy(final PublishedPolicy policy) {
        final RobotStream robot = robotNamed(policy.robot());
        robot.policy = policy.blob();
        robot.policyLength = policy.policyLength();
        robot.policySequence++;
        robot.policySentBytes = 0;
        robot.policyAcked = false;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header) {
        received++;
        incoming.wrap(buffer, offset);
        final String problem = incoming.problem(length);
        final int type = problem == null ? incoming.type() : 0;
        if (problem != null || type != FleetMessageFlyweight.RECORD && type != FleetMessageFlyweight.HELLO
            && type != FleetMessageFlyweight.PROOF && type != FleetMessageFlyweight.POLICY_ACK) {
            malformed(header, problem != null ? problem : "a message of type " + type + ", which only a receiver "
                + "sends");
            return;
        }
        final int sessionId = header.sessionId();
        final RobotStream robot = robot(buffer, sessionId);
        if (!robot.allowed()) {
            if (robot.refused++ == 0) {
                notices.accept("robot '" + robot.name() + "' (session " + sessionId + " from "
                    + sourceOf(header) + ") is not on the allow-list " + config.allowList().source()
                    + ": its stream is dropped");
            }
            return;
        }
        if (robot.problem != null) {
            return;
        }
        final boolean authenticating = config.allowList() != null;
        if (authenticating && (!robot.connected || robot.session != sessionId)) {
            if (type == FleetMessageFlyweight.HELLO && !failedSessions.contains(sessionId)) {
                challenge(robot, buffer, header);
            } else if (type == FleetMessageFlyweight.PROOF && !failedSessions.contains(sessionId)) {
                onProof(robot, buffer, header);
            } else {
                robot.unauthenticated++;
            }
            return;
        }
        switch (type) {
            case FleetMessageFlyweight.HELLO -> onHello(robot, buffer, header);
            case FleetMessageFlyweight.RECORD -> {
                if (robot.copy != null || open(robot)) {
                    onRecord(robot, buffer);
                }
            }
            case FleetMessageFlyweight.POLICY_ACK -> onPolicyAck(robot);
            default -> {
                // a PROOF from a session already authenticated: nothing more to prove
            }
        }
    }

    private void onPolicyAck(final RobotStream robot) {
        if (incoming.index() == robot.policySequence && robot.policy != null && !robot.policyAcked) {
            robot.policyAcked = true;
            robot.policiesDelivered++;
            notices.accept("robot '" + robot.name() + "' received policy #" + robot.policySequence + " ("
                + robot.policyLength + " bytes)");
        }
    }

    /** Answers a HELLO from a session that has not proven the robot's key: the same nonce for as long as it asks. */
    private void challenge(final RobotStream robot, final DirectBuffer buffer, final Header header) {
        final int sessionId = header.sessionId();
        PendingChallenges.Challenge challenge = challenges.get(sessionId);
        if (challenge == null || challenge.robot() != robot) {
            final byte[] nonce = new byte[FleetMessageFlyweight.NONCE_LENGTH];
            nonces.nextBytes(nonce);
            final String replyChannel = replyChannel(buffer);
            challenge = new PendingChallenges.Challenge(robot, nonce,
                aeron.addExclusivePublication(replyChannel, incoming.intField()), replyChannel, incoming.intField(),
                incoming.index(), clock.nanoTime());
            challenges.add(sessionId, challenge, sourceOf(header));
        }
        final byte[] name = robot.nameBytes();
        final int payloadOffset = FleetMessageFlyweight.payloadOffset(name.length);
        outgoing.wrap(replyBuffer, 0).header(FleetMessageFlyweight.CHALLENGE, name).intField(sessionId);
        replyBuffer.putBytes(payloadOffset, challenge.nonce());
        challenge.reply().offer(replyBuffer, 0, payloadOffset + FleetMessageFlyweight.NONCE_LENGTH);
    }

    private void onProof(final RobotStream robot, final DirectBuffer buffer, final Header header) {
        final int sessionId = header.sessionId();
        final PendingChallenges.Challenge challenge = challenges.get(sessionId);
        if (challenge == null || challenge.robot() != robot) {
            robot.unauthenticated++;
            return;
        }
        challenges.take(sessionId);
        final byte[] proof = new byte[FleetMessageFlyweight.PROOF_LENGTH];
        buffer.getBytes(incoming.payloadOffset(), proof);
        if (!FleetProof.verify(config.allowList().keyOf(robot.name()), challenge.nonce(), sessionId, robot.nameBytes(),
            proof)) {
            challenge.reply().close();
            failedSessions.add(sessionId);
            robot.unauthenticated++;
            notices.accept("robot '" + robot.name() + "' (session " + sessionId + " from " + sourceOf(header)
                + ") failed authentication: its proof does not verify with its key "
                + config.allowList().keys().get(robot.name()).keyId() + " on the allow-list "
                + config.allowList().source() + "; its stream is dropped");
            return;
        }
        connect(robot, sessionId, challenge.reply(), challenge.replyChannel(), challenge.replyStreamId(),
            challenge.firstIndex(), header, " authenticated");
    }

    private void onHello(final RobotStream robot, final DirectBuffer buffer, final Header header) {
        final int sessionId = header.sessionId();
        final String replyChannel = replyChannel(buffer);
        final int replyStreamId = incoming.intField();
        if (robot.reply != null && replyChannel.equals(robot.replyChannel) && replyStreamId == robot.replyStreamId) {
            if (!robot.connected || robot.session != sessionId) {
                robot.connected = true;
                robot.session = sessionId;
                robot.policySentBytes = 0;
            }
            answerHello(robot);
            return;
        }
        connect(robot, sessionId, aeron.addExclusivePublication(replyChannel, replyStreamId), replyChannel,
            replyStreamId, incoming.index(), header, "");
    }

    /**
     * The session now speaks for the robot: its copy is opened, its route back replaced, and it is told where to
     * resume.
     */
    private void connect(final RobotStream robot, final int sessionId, final ExclusivePublication reply,
        final String replyChannel, final int replyStreamId, final long firstIndex, final Header header,
        final String how) {
        if (robot.copy == null && !open(robot)) {
            reply.close();
            return;
        }
        if (robot.reply != null) {
            robot.reply.close();
        }
        robot.reply = reply;
        robot.replyChannel = replyChannel;
        robot.replyStreamId = replyStreamId;
        robot.connected = true;
        robot.session = sessionId;
        robot.policySentBytes = 0;
        answerHello(robot);
        final RobotLogCopy copy = robot.copy;
        notices.accept("robot '" + robot.name() + "'" + how + " (from " + sourceOf(header) + ", replies to "
            + replyChannel + ") has records from index " + Long.toHexString(firstIndex) + "; its copy holds "
            + (copy.lastIndex() == FleetMessageFlyweight.NULL_INDEX ? "none"
            : "up to index " + Long.toHexString(copy.lastIndex())));
    }

    private String replyChannel(final DirectBuffer buffer) {
        final byte[] replyBytes = new byte[(int) incoming.secondIndex()];
        buffer.getBytes(incoming.payloadOffset(), replyBytes);
        return new String(replyBytes, StandardCharsets.US_ASCII);
    }

    /**
     * A HELLO is answered with REWIND to the copy's last record, and with ACK of the persisted index again: an ACK sent
     * into a reply connection that died since (a link down longer than Aeron's liveness timeout) was lost with it, and
     * a shipper whose records are all here gets no other.
     */
    private static void answerHello(final RobotStream robot) {
        robot.rewindPending = true;
        robot.ackPending |= robot.persistedIndex != FleetMessageFlyweight.NULL_INDEX;
    }

    private void onRecord(final RobotStream robot, final DirectBuffer buffer) {
        final RobotLogCopy copy = robot.copy;
        final long sourceIndex = incoming.secondIndex();
        final long lastIndex = copy.lastIndex();
        if (lastIndex != FleetMessageFlyweight.NULL_INDEX && sourceIndex <= lastIndex) {
            robot.duplicates++;
            return;
        }
        if (incoming.index() != lastIndex) {
            robot.outOfSequence++;
            final long nowNs = clock.nanoTime();
            if (!robot.rewindSent || nowNs - robot.rewindAtNs - config.rewindIntervalNs() >= 0) {
                robot.rewindPending = true;
            }
            return;
        }
        copy.append(buffer, incoming.payloadOffset(), incoming.intField(), sourceIndex);
        robot.appended++;
        robot.dirty = true;
    }

    /** Opens a robot's copy; a copy that cannot be opened is reported once and the robot's stream dropped. */
    private boolean open(final RobotStream robot) {
        final Path directory = config.outDirectory().resolve(robot.name());
        try {
            robot.copy = new RobotLogCopy(directory);
        } catch (final RuntimeException e) {
            robot.problem = "the copy of robot '" + robot.name() + "' at " + directory + " cannot be opened ("
                + e.getMessage() + "); its stream is dropped until the receiver restarts";
            notices.accept(robot.problem);
            return false;
        }
        robot.persistedIndex = robot.copy.recoveredIndex();
        robot.ackPending = robot.persistedIndex != FleetMessageFlyweight.NULL_INDEX;
        return true;
    }

    /** The robot the message names; a session seen before is matched without allocating. */
    private RobotStream robot(final DirectBuffer buffer, final int sessionId) {
        final int nameOffset = incoming.nameOffset();
        final int nameLength = incoming.nameLength();
        final RobotStream known = bySession.get(sessionId);
        if (known != null && RobotName.equals(buffer, nameOffset, nameLength, known.nameBytes())) {
            return known;
        }
        final RobotStream robot = robotNamed(buffer.getStringWithoutLengthAscii(nameOffset, nameLength));
        bySession.put(sessionId, robot);
        return robot;
    }

    /**
     * The robot of this name, created when first named (by a message or a published policy). Names not on the
     * allow-list are kept (to be reported once each) up to {@link #MAX_UNLISTED_ROBOTS}; messages under further ones
     * are counted together, so a sender making up names cannot make the receiver grow.
     */
    private RobotStream robotNamed(final String name) {
        RobotStream robot = byName.get(name);
        if (robot == null) {
            final boolean allowed = config.allowList() == null || config.allowList().allows(name);
            if (!allowed && unlisted == MAX_UNLISTED_ROBOTS) {
                return unlistedOverflow();
            }
            robot = new RobotStream(name, allowed);
            unlisted += allowed ? 0 : 1;
            byName.put(name, robot);
            robots.add(robot);
        }
        return robot;
    }

    private RobotStream unlistedOverflow() {
        if (unlistedOverflow == null) {
            unlistedOverflow = new RobotStream(UNLISTED_OVERFLOW_NAME, false);
            unlistedOverflow.refused = 1;
            notices.accept(MAX_UNLISTED_ROBOTS + " robot names not on the allow-list " + config.allowList().source()
                + " have been refused; messages under further unlisted names are counted together, not reported");
        }
        return unlistedOverflow;
    }

    /**
     * @return the messages refused under unlisted names beyond the first {@link #MAX_UNLISTED_ROBOTS}.
     */
    public long refusedBeyondUnlistedLimit() {
        return unlistedOverflow == null ? 0 : unlistedOverflow.refused - 1;
    }

    /**
     * @return the challenges open now (sessions asked to prove a robot's key that have not answered yet).
     */
    public int pendingChallenges() {
        return challenges.size();
    }

    /**
     * @return the entries kept per Aeron session (its robot, a failed proof, a malformed message reported): dropped
     *         within {@link #SWEEP_INTERVAL_NS} of the session's image going.
     */
    int sessionsRemembered() {
        return bySession.size() + failedSessions.size() + malformedSessionsReported.size();
    }

    private void malformed(final Header header, final String problem) {
        malformed++;
        if (malformedSessionsReported.add(header.sessionId())) {
            notices.accept("dropped a malformed message from session " + header.sessionId() + " ("
                + sourceOf(header) + "): " + problem + "; further malformed messages of this session are counted, "
                + "not reported");
        }
    }

    private String sourceOf(final Header header) {
        final io.aeron.Image image = subscription.imageBySessionId(header.sessionId());
        return image == null ? "an unknown address" : image.sourceIdentity();
    }

    /**
     * @return the robots seen, in the order they were first seen.
     */
    public List<RobotStream> robots() {
        return Collections.unmodifiableList(robots);
    }

    /**
     * @param name a robot's name.
     * @return its state, or null when not seen.
     */
    public RobotStream robot(final String name) {
        return byName.get(name);
    }

    /**
     * @return messages received, well formed or not.
     */
    public long received() {
        return received;
    }

    /**
     * @return messages dropped as malformed.
     */
    public long malformed() {
        return malformed;
    }

    /**
     * @return the address the receiver listens on, as HOST:PORT: the port the system chose when the channel asked
     *         for port 0.
     */
    public String endpoint() {
        return subscription.resolvedEndpoint();
    }

    @Override
    public void onClose() {
        close();
    }

    /**
     * Closes the subscription, the routes back and the copies, without a last sync: what was appended is in the
     * OS's page cache (and survives this process), what was synced is on the device. {@link #sync()} first for an
     * orderly stop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscription.close();
        challenges.close();
        for (int i = 0; i < robots.size(); i++) {
            final RobotStream robot = robots.get(i);
            if (robot.reply != null) {
                robot.reply.close();
            }
            if (robot.copy != null) {
                robot.copy.close();
            }
        }
    }

    /** A policy handed over by {@link #publishPolicy}: its bytes followed by its signature's. */
    private record PublishedPolicy(String robot, byte[] blob, int policyLength) {
    }
}
