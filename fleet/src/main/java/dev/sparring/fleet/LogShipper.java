package dev.sparring.fleet;

import dev.sparring.controller.log.ShippedAckFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The robot side of the fleet transport: tails the robot's experience log and offers each record to the receiver
 * as a RECORD message on an Aeron publication, resuming after the last index the receiver holds. Its own agent on its
 * own thread (or invoked), never the control thread: the control loop only appends to its log, and the log on disk is
 * the buffer while the link is down or slow.
 * <p>
 * States: {@link State#AWAITING_RECEIVER} says HELLO every {@link LogShipperConfig#helloIntervalNs()} until the
 * receiver answers with REWIND (or ACK) and the index it holds; {@link State#STREAMING} ships record after record,
 * each naming the record shipped before it, so the receiver can tell a gap from a duplicate. Nothing ever blocks: a
 * record the publication refuses (back pressure, admin action) is offered again on the next duty cycle; a lost
 * connection, or records in flight with no acknowledgement for {@link LogShipperConfig#ackTimeoutNs()}, goes back to
 * saying HELLO, and the receiver's answer decides where shipping resumes. At most
 * {@link LogShipperConfig#windowRecords()} records are in flight: the window holds each shipped record once, in index
 * order, until an ACK covers it; records a rewind ships again are not added twice (so each record is counted once).
 * A record too long for the channel, a log the receiver's index does not belong to, or records lost to retention are
 * reported through the notice handler.
 * <p>
 * A receiver with an allow-list answers HELLO with a CHALLENGE; the shipper answers with a PROOF signed with the
 * robot's key ({@link FleetProof}), once per connection. Policies the receiver sends back arrive in POLICY chunks; each
 * complete one goes to the {@link PolicyInbox} and is acknowledged (POLICY_ACK).
 * <p>
 * The acknowledged index is recorded in the log directory ({@link ShippedAckFile}, at most every
 * {@link #ACK_FILE_INTERVAL_NS} and on close), so that the controller's retention keeps what the receiver does not
 * hold yet.
 */
public final class LogShipper implements Agent, AutoCloseable {
    /** Where a shipper is. */
    public enum State {
        /** Saying HELLO until the receiver says where to resume. */
        AWAITING_RECEIVER,
        /** Shipping records. */
        STREAMING,
        /** Stopped by a problem it cannot get past by itself (reported): a record too long, a foreign index. */
        STOPPED
    }

    /** The most often the acknowledged index is written to {@link ShippedAckFile}: once a second. */
    public static final long ACK_FILE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long NO_POLICY = -1;

    private final LogShipperConfig config;
    private final NanoClock clock;
    private final Consumer<String> notices;
    private final byte[] name;
    private final LogTail tail;
    private final ExclusivePublication publication;
    private final Subscription replies;
    private final FragmentHandler replyHandler = new FragmentAssembler(this::onReply);
    private final FleetMessageFlyweight outgoing = new FleetMessageFlyweight();
    private final FleetMessageFlyweight incoming = new FleetMessageFlyweight();
    private final ExpandableArrayBuffer staging = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer hello = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer control = new ExpandableArrayBuffer(256);
    private final PrivateKey key;
    private final PolicyInbox inbox;
    private final int recordOffset;
    private final long[] window;
    private final int windowMask;

    private boolean closed;
    private State state = State.AWAITING_RECEIVER;
    private int helloLength;
    private long helloAtNs;
    private boolean helloSent;
    private int pendingLength;
    private long pendingIndex;
    private long previousIndex = FleetMessageFlyweight.NULL_INDEX;
    private long windowHead;
    private long windowTail;
    private long highestWindowedIndex = FleetMessageFlyweight.NULL_INDEX;
    private long ackProgressAtNs;
    private long ackedIndex = FleetMessageFlyweight.NULL_INDEX;
    private long shipped;
    private long acked;
    private long backPressured;
    private long rewinds;
    private long malformedReplies;
    private long ackFileIndex = FleetMessageFlyweight.NULL_INDEX;
    private long ackFileAtNs;
    private boolean ackFileFailing;
    private int controlLength;
    private boolean keyMissingReported;
    private byte[] policyAssembly;
    private long policySequence;
    private int policyLength;
    private int policyAssembled;
    private long policyAckPending = NO_POLICY;
    private long policiesReceived;

    /**
     * Opens the robot's log and adds the publication and the reply subscription (a round trip to the media driver
     * each).
     *
     * @param config  what and where.
     * @param aeron   a connected Aeron client.
     * @param clock   the clock of hello intervals and ack timeouts.
     * @param notices receives each state change and problem, as one line.
     */
    public LogShipper(final LogShipperConfig config, final Aeron aeron, final NanoClock clock,
        final Consumer<String> notices) {
        this(config, aeron, clock, notices, null, null);
    }

    /**
     * Opens the robot's log and adds the publication and the reply subscription (a round trip to the media driver
     * each).
     *
     * @param config  what and where.
     * @param aeron   a connected Aeron client.
     * @param clock   the clock of hello intervals and ack timeouts.
     * @param notices receives each state change and problem, as one line.
     * @param key     the robot's private key, to answer a receiver's challenge; null: none (a receiver with an
     *                allow-list then never accepts this robot, which is reported).
     * @param inbox   takes the policies the receiver sends; null: policies are acknowledged and dropped (reported).
     */
    public LogShipper(final LogShipperConfig config, final Aeron aeron, final NanoClock clock,
        final Consumer<String> notices, final PrivateKey key, final PolicyInbox inbox) {
        this.config = config;
        this.key = key;
        this.inbox = inbox;
        this.clock = clock;
        this.notices = notices;
        this.name = RobotName.encode(config.robotName());
        this.window = new long[config.windowRecords()];
        this.windowMask = config.windowRecords() - 1;
        this.recordOffset = FleetMessageFlyweight.payloadOffset(name.length);
        this.tail = new LogTail(config.logDirectory());
        this.ackFileAtNs = clock.nanoTime() - ACK_FILE_INTERVAL_NS;
        Subscription subscription = null;
        try {
            subscription = aeron.addSubscription(config.replyChannel(), config.replyStreamId());
            this.replies = subscription;
            this.publication = aeron.addExclusivePublication(config.channel(), config.streamId());
        } catch (final RuntimeException e) {
            if (subscription != null) {
                subscription.close();
            }
            tail.close();
            throw e;
        }
        outgoing.wrap(staging, 0).header(FleetMessageFlyweight.RECORD, name);
    }

    @Override
    public String roleName() {
        return "fleet-shipper-" + config.robotName();
    }

    @Override
    public int doWork() {
        int work = replies.poll(replyHandler, 16);
        final long nowNs = clock.nanoTime();
        if (ackedIndex != ackFileIndex && nowNs - ackFileAtNs - ACK_FILE_INTERVAL_NS >= 0) {
            work += recordAckedIndex(nowNs);
        }
        if (state == State.STOPPED) {
            return work;
        }
        if (controlLength > 0 && publication.offer(control, 0, controlLength) > 0) {
            controlLength = 0;
            work++;
        }
        if (controlLength == 0 && policyAckPending != NO_POLICY) {
            outgoing.wrap(control, 0).header(FleetMessageFlyweight.POLICY_ACK, name).index(policyAckPending);
            outgoing.wrap(staging, 0);
            controlLength = FleetMessageFlyweight.payloadOffset(name.length);
            policyAckPending = NO_POLICY;
        }
        if (!publication.isConnected()) {
            if (state == State.STREAMING) {
                awaitReceiver("lost the receiver (" + config.channel() + "): records stay in the log and are "
                    + "shipped when it is back");
            }
            return work;
        }
        if (state == State.AWAITING_RECEIVER) {
            return work + sayHello(nowNs);
        }
        if (windowTail != windowHead && nowNs - ackProgressAtNs - config.ackTimeoutNs() > 0) {
            awaitReceiver("no acknowledgement for " + config.ackTimeoutNs() / 1_000_000 + " ms with "
                + (windowTail - windowHead) + " records in flight: asking the receiver where to resume");
            return work;
        }
        return work + ship();
    }

    /** Writes the acknowledged index to the log directory; a failure is reported once per failing streak. */
    private int recordAckedIndex(final long nowNs) {
        ackFileAtNs = nowNs;
        try {
            ShippedAckFile.write(config.logDirectory(), ackedIndex);
            ackFileIndex = ackedIndex;
            ackFileFailing = false;
            return 1;
        } catch (final IOException e) {
            if (!ackFileFailing) {
                notices.accept("cannot record the acknowledged index in " + config.logDirectory().resolve(
                    ShippedAckFile.FILE_NAME) + " (" + e + "): the log's retention does not know what was shipped "
                    + "and may delete records the receiver does not hold; let this user write the log directory");
            }
            ackFileFailing = true;
            return 0;
        }
    }

    private int ship() {
        int work = 0;
        final int limit = config.batchLimit();
        for (int i = 0; i < limit; i++) {
            if (pendingLength == 0 && !readNext()) {
                break;
            }
            final boolean firstShipping = highestWindowedIndex == FleetMessageFlyweight.NULL_INDEX
                || pendingIndex > highestWindowedIndex;
            if (firstShipping && windowTail - windowHead >= window.length) {
                break;
            }
            final long result = publication.offer(staging, 0, pendingLength);
            if (result > 0) {
                shipped++;
                if (firstShipping) {
                    window[(int) (windowTail++ & windowMask)] = pendingIndex;
                    highestWindowedIndex = pendingIndex;
                }
                previousIndex = pendingIndex;
                pendingLength = 0;
                work++;
            } else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION) {
                backPressured++;
                break;
            } else if (result == Publication.NOT_CONNECTED) {
                awaitReceiver("lost the receiver (" + config.channel() + ") while shipping index "
                    + Long.toHexString(pendingIndex));
                break;
            } else {
                stop("the publication to " + config.channel() + " refused the record at index "
                    + Long.toHexString(pendingIndex) + " (" + Publication.errorString(result) + "); restart the "
                    + "shipper");
                break;
            }
        }
        return work;
    }

    /** Reads the next record into the staging buffer behind the RECORD header. */
    private boolean readNext() {
        final int length = tail.next(staging, recordOffset);
        if (length == 0) {
            return false;
        }
        pendingIndex = tail.lastIndex();
        final int messageLength = recordOffset + length;
        if (messageLength > publication.maxMessageLength()) {
            stop("the record at index " + Long.toHexString(pendingIndex) + " is " + length + " bytes, more than the "
                + "channel carries (" + publication.maxMessageLength() + "-byte messages): give the channel a "
                + "term-length of at least 8 x " + messageLength + " bytes");
            return false;
        }
        outgoing.wrap(staging, 0).intField(length).index(previousIndex).secondIndex(pendingIndex);
        pendingLength = messageLength;
        return true;
    }

    private int sayHello(final long nowNs) {
        if (helloSent && nowNs - helloAtNs - config.helloIntervalNs() < 0) {
            return 0;
        }
        if (helloLength == 0 && !buildHello()) {
            return 0;
        }
        if (publication.offer(hello, 0, helloLength) > 0) {
            helloSent = true;
            helloAtNs = nowNs;
            return 1;
        }
        return 0;
    }

    /** HELLO names the reply channel with its port resolved: false until the driver has bound it. */
    private boolean buildHello() {
        final String reply = config.replyChannel().startsWith("aeron:udp")
            ? replies.tryResolveChannelEndpointPort() : config.replyChannel();
        if (reply == null) {
            return false;
        }
        final byte[] replyBytes = reply.getBytes(StandardCharsets.US_ASCII);
        final int offset = FleetMessageFlyweight.payloadOffset(name.length);
        hello.checkLimit(offset + replyBytes.length);
        outgoing.wrap(hello, 0).header(FleetMessageFlyweight.HELLO, name).intField(config.replyStreamId())
            .index(tail.firstIndex()).secondIndex(replyBytes.length);
        hello.putBytes(offset, replyBytes);
        helloLength = offset + replyBytes.length;
        outgoing.wrap(staging, 0);
        return true;
    }

    private void onReply(final DirectBuffer buffer, final int offset, final int length, final Header header) {
        incoming.wrap(buffer, offset);
        if (incoming.problem(length) != null
            || !RobotName.equals(buffer, incoming.nameOffset(), incoming.nameLength(), name)) {
            malformedReplies++;
            return;
        }
        final int type = incoming.type();
        final long index = incoming.index();
        if (type == FleetMessageFlyweight.ACK) {
            onAck(index);
            if (state == State.AWAITING_RECEIVER) {
                resumeAfter(index);
            }
        } else if (type == FleetMessageFlyweight.REWIND && state != State.STOPPED) {
            rewinds++;
            resumeAfter(index);
        } else if (type == FleetMessageFlyweight.CHALLENGE) {
            onChallenge(buffer);
        } else if (type == FleetMessageFlyweight.POLICY) {
            onPolicyChunk(buffer);
        } else {
            malformedReplies++;
        }
    }

    /** Signs the receiver's nonce for this session; the PROOF goes out on the next duty cycle. */
    private void onChallenge(final DirectBuffer buffer) {
        if (incoming.intField() != publication.sessionId()) {
            malformedReplies++;
            return;
        }
        if (key == null) {
            if (!keyMissingReported) {
                notices.accept("the receiver asks '" + config.robotName() + "' to prove its key, and this shipper "
                    + "has none: start it with --key FILE (a private key from 'sparring keys generate') whose public "
                    + "key is on the receiver's allow-list");
            }
            keyMissingReported = true;
            return;
        }
        final byte[] nonce = new byte[FleetMessageFlyweight.NONCE_LENGTH];
        buffer.getBytes(incoming.payloadOffset(), nonce);
        final byte[] proof;
        try {
            proof = FleetProof.sign(key, nonce, publication.sessionId(), name);
        } catch (final InvalidKeyException e) {
            stop("the robot key cannot sign (" + e.getMessage() + "); give an Ed25519 key from 'sparring keys "
                + "generate'");
            return;
        }
        final int offset = FleetMessageFlyweight.payloadOffset(name.length);
        outgoing.wrap(control, 0).header(FleetMessageFlyweight.PROOF, name);
        outgoing.wrap(staging, 0);
        control.putBytes(offset, proof);
        controlLength = offset + proof.length;
    }

    /** Adds a POLICY chunk to the policy being assembled; a policy complete goes to the inbox and is acknowledged. */
    private void onPolicyChunk(final DirectBuffer buffer) {
        final long sequence = incoming.index();
        final int length = (int) (incoming.secondIndex() >>> 32);
        final int signatureLength = (int) incoming.secondIndex();
        final long total = (long) length + signatureLength;
        final long from = buffer.getLong(incoming.payloadOffset());
        final int chunk = incoming.intField();
        if (length < 0 || signatureLength <= 0 || total > FleetReceiver.MAX_POLICY_BYTES || chunk == 0 || from < 0
            || from + chunk > total) {
            malformedReplies++;
            return;
        }
        if (from == 0) {
            policyAssembly = new byte[(int) total];
            policySequence = sequence;
            policyLength = length;
            policyAssembled = 0;
        } else if (policyAssembly == null || sequence != policySequence || from != policyAssembled
            || total != policyAssembly.length || length != policyLength) {
            malformedReplies++;
            return;
        }
        buffer.getBytes(incoming.payloadOffset() + FleetMessageFlyweight.CHUNK_HEADER_LENGTH, policyAssembly,
            policyAssembled, chunk);
        policyAssembled += chunk;
        if (policyAssembled < total) {
            return;
        }
        final byte[] assembled = policyAssembly;
        policyAssembly = null;
        policiesReceived++;
        policyAckPending = sequence;
        final byte[] policy = Arrays.copyOf(assembled, length);
        final byte[] signature = Arrays.copyOfRange(assembled, length, assembled.length);
        if (inbox == null) {
            notices.accept("received policy #" + sequence + " (" + length + " bytes) and dropped it: this shipper "
                + "keeps no policies (give it --policies DIR and --trust FILE)");
            return;
        }
        inbox.onPolicy(config.robotName(), sequence, policy, signature);
    }

    private void onAck(final long index) {
        if (ackedIndex == FleetMessageFlyweight.NULL_INDEX || index > ackedIndex) {
            ackedIndex = index;
        }
        long head = windowHead;
        final long tailAt = windowTail;
        while (head != tailAt && window[(int) (head & windowMask)] <= index) {
            head++;
        }
        if (head != windowHead) {
            acked += head - windowHead;
            windowHead = head;
            ackProgressAtNs = clock.nanoTime();
        }
    }

    private void resumeAfter(final long index) {
        final LogTail.Resume resume = tail.resumeAfter(index);
        if (resume == LogTail.Resume.INDEX_UNKNOWN) {
            stop("the receiver holds records of '" + config.robotName() + "' up to index " + Long.toHexString(index)
                + ", which " + config.logDirectory() + " does not hold: this is not the log it was shipped from. "
                + "Ship this log under another --robot name, or move the receiver's copy aside");
            return;
        }
        if (resume == LogTail.Resume.INDEX_DELETED) {
            notices.accept("the receiver holds records up to index " + Long.toHexString(index) + ", but "
                + config.logDirectory() + " now starts at index " + Long.toHexString(tail.firstIndex())
                + ": the records between were deleted (retention) before the receiver had them, and are lost to it");
        }
        previousIndex = index;
        pendingLength = 0;
        ackProgressAtNs = clock.nanoTime();
        if (state != State.STREAMING) {
            notices.accept("shipping " + config.logDirectory() + " as '" + config.robotName() + "' to "
                + config.channel() + (index == FleetMessageFlyweight.NULL_INDEX ? " from its first record"
                : " after index " + Long.toHexString(index)));
        }
        state = State.STREAMING;
    }

    private void awaitReceiver(final String why) {
        notices.accept(why);
        state = State.AWAITING_RECEIVER;
        helloSent = false;
        pendingLength = 0;
    }

    private void stop(final String why) {
        notices.accept("stopped shipping: " + why);
        state = State.STOPPED;
    }

    /**
     * @return where the shipper is.
     */
    public State state() {
        return state;
    }

    /**
     * @return records offered and taken by the publication (resent records counted again).
     */
    public long shipped() {
        return shipped;
    }

    /**
     * @return records the receiver acknowledged as persisted, of those shipped by this shipper: each record of the log
     * counted once, however often a rewind had it shipped again.
     */
    public long acked() {
        return acked;
    }

    /**
     * @return the last index the receiver acknowledged, {@link FleetMessageFlyweight#NULL_INDEX} before any.
     */
    public long ackedIndex() {
        return ackedIndex;
    }

    /**
     * @return records shipped and not acknowledged yet (each counted once, resent or not).
     */
    public long inFlight() {
        return windowTail - windowHead;
    }

    /**
     * @return records in the log after the last acknowledged index: what the trainer does not hold yet (counted by
     * Chronicle's index; a file system walk, so not for every duty cycle).
     */
    public long backlog() {
        return tail.countAfter(ackedIndex);
    }

    /**
     * @return offers refused by back pressure or an admin action (each retried).
     */
    public long backPressured() {
        return backPressured;
    }

    /**
     * @return REWIND messages obeyed.
     */
    public long rewinds() {
        return rewinds;
    }

    /**
     * @return policies that arrived whole (each handed to the inbox).
     */
    public long policiesReceived() {
        return policiesReceived;
    }

    /**
     * @return replies dropped as malformed or meant for another robot.
     */
    public long malformedReplies() {
        return malformedReplies;
    }

    @Override
    public void onClose() {
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ackedIndex != ackFileIndex) {
            recordAckedIndex(clock.nanoTime());
        }
        publication.close();
        replies.close();
        tail.close();
    }
}
