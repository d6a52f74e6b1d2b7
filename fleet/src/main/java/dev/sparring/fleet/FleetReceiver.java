package dev.sparring.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.aeron.Aeron;
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
 * index from the copy itself, opens the route back to the shipper, and answers REWIND with that index. Appended
 * records are synced every {@link FleetReceiverConfig#syncIntervalNs()} and only then acknowledged (ACK), so a shipper
 * never takes an acknowledgement for a record that a power loss could take back.
 * <p>
 * A robot not on the allow-list is dropped and reported once, with its name and address. A message that is not a
 * well-formed fleet message is counted and dropped, and reported once per sender session.
 */
public final class FleetReceiver implements Agent, AutoCloseable {
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
    private boolean closed;
    private long lastSyncNs;
    private long received;
    private long malformed;

    /**
     * Adds the subscription (a round trip to the media driver).
     *
     * @param config  where to listen and write.
     * @param aeron   a connected Aeron client.
     * @param clock   the clock of syncs and rewinds.
     * @param notices receives each new robot, refusal and problem, as one line.
     */
    public FleetReceiver(final FleetReceiverConfig config, final Aeron aeron, final NanoClock clock,
        final Consumer<String> notices) {
        this.config = config;
        this.aeron = aeron;
        this.clock = clock;
        this.notices = notices;
        this.subscription = aeron.addSubscription(config.channel(), config.streamId());
        this.lastSyncNs = clock.nanoTime();
    }

    @Override
    public String roleName() {
        return "fleet-receiver";
    }

    @Override
    public int doWork() {
        int work = subscription.poll(assembler, config.fragmentLimit());
        final long nowNs = clock.nanoTime();
        if (nowNs - lastSyncNs - config.syncIntervalNs() >= 0) {
            work += sync();
            lastSyncNs = nowNs;
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
        return work;
    }

    private boolean offer(final RobotStream robot, final int type, final long index) {
        final byte[] name = robot.nameBytes();
        outgoing.wrap(replyBuffer, 0).header(type, name).index(index);
        return robot.reply.offer(replyBuffer, 0, FleetMessageFlyweight.payloadOffset(name.length)) > 0;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header) {
        received++;
        incoming.wrap(buffer, offset);
        final String problem = incoming.problem(length);
        final int type = problem == null ? incoming.type() : 0;
        if (problem != null || type != FleetMessageFlyweight.RECORD && type != FleetMessageFlyweight.HELLO) {
            malformed(header, problem != null ? problem : "a message of type " + type + ", which only a receiver "
                + "sends");
            return;
        }
        final RobotStream robot = robot(buffer, header.sessionId());
        if (!robot.allowed()) {
            if (robot.refused++ == 0) {
                notices.accept("robot '" + robot.name() + "' (session " + header.sessionId() + " from "
                    + sourceOf(header) + ") is not on the allow-list " + config.allowList().source()
                    + ": its stream is dropped");
            }
            return;
        }
        if (robot.problem != null || robot.copy == null && !open(robot)) {
            return;
        }
        if (type == FleetMessageFlyweight.HELLO) {
            onHello(robot, buffer, header);
        } else {
            onRecord(robot, buffer);
        }
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

    private void onHello(final RobotStream robot, final DirectBuffer buffer, final Header header) {
        final RobotLogCopy copy = robot.copy;
        final int replyLength = (int) incoming.secondIndex();
        final byte[] replyBytes = new byte[replyLength];
        buffer.getBytes(incoming.payloadOffset(), replyBytes);
        final String replyChannel = new String(replyBytes, StandardCharsets.US_ASCII);
        final int replyStreamId = incoming.intField();
        if (robot.reply == null || !replyChannel.equals(robot.replyChannel) || replyStreamId != robot.replyStreamId) {
            if (robot.reply != null) {
                robot.reply.close();
            }
            robot.reply = aeron.addExclusivePublication(replyChannel, replyStreamId);
            robot.replyChannel = replyChannel;
            robot.replyStreamId = replyStreamId;
            notices.accept("robot '" + robot.name() + "' (from " + sourceOf(header) + ", replies to " + replyChannel
                + ") has records from index " + Long.toHexString(incoming.index()) + "; its copy holds "
                + (copy.lastIndex() == FleetMessageFlyweight.NULL_INDEX ? "none"
                : "up to index " + Long.toHexString(copy.lastIndex())));
        }
        robot.rewindPending = true;
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
        final String name = buffer.getStringWithoutLengthAscii(nameOffset, nameLength);
        RobotStream robot = byName.get(name);
        if (robot == null) {
            robot = new RobotStream(name, config.allowList() == null || config.allowList().allows(name));
            byName.put(name, robot);
            robots.add(robot);
        }
        bySession.put(sessionId, robot);
        return robot;
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
}
