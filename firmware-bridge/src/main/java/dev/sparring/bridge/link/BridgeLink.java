package dev.sparring.bridge.link;

import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.protocol.CommandFlyweight;
import dev.sparring.bridge.protocol.ConfigureFlyweight;
import dev.sparring.bridge.protocol.FaultFlyweight;
import dev.sparring.bridge.protocol.FrameDecoder;
import dev.sparring.bridge.protocol.FrameEncoder;
import dev.sparring.bridge.protocol.FrameHandler;
import dev.sparring.bridge.protocol.HelloFlyweight;
import dev.sparring.bridge.protocol.HelloReplyFlyweight;
import dev.sparring.bridge.protocol.StateFlyweight;
import dev.sparring.bridge.serial.SerialPort;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The host's end of the link to one joint firmware (docs/bridge-protocol.md): sends HELLO, CONFIGURE, CLEAR and one
 * COMMAND per control tick, decodes what comes back, keeps the latest STATE, and notices what makes the link
 * untrustworthy — a FAULT, the firmware leaving ACTIVE, a firmware restart (an unsolicited HELLO_REPLY, a boot count
 * that changes, a firmware clock that goes back), frames lost or damaged, and a port that is gone — counting each.
 * <p>
 * {@link #poll()} and {@link #sendCommand} are the per-tick half: allocation-free, lock-free, never blocking (the port
 * is non-blocking), never throwing. The handshake methods ({@link #hello}, {@link #configure}, {@link #clear}) wait
 * for the firmware's answer up to a timeout and belong to lifecycle transitions, off the control loop's ticks.
 * One thread at a time.
 */
public final class BridgeLink implements FrameHandler, AutoCloseable {
    /** The firmware's answer did not come within the timeout. */
    public static final int NO_ANSWER = -1;
    private static final int READ_CHUNK = 512;
    private static final int MAX_READS_PER_POLL = 64;
    private static final int SENT_TIMES = 1 << 10;
    /** The longest a request waits for the answers owed before it (any not in by then were lost). */
    private static final long MAX_QUIET_NS = 100_000_000L;

    private final SerialPort port;
    private final NanoClock clock;
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder(this);
    private final UnsafeBuffer in = new UnsafeBuffer(new byte[READ_CHUNK]);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[BridgeProtocol.MAX_ENCODED + 1]);
    private final HelloFlyweight hello = new HelloFlyweight();
    private final ConfigureFlyweight configure = new ConfigureFlyweight();
    private final CommandFlyweight command = new CommandFlyweight();
    private final StateFlyweight state = new StateFlyweight();
    private final FaultFlyweight fault = new FaultFlyweight();
    private final HelloReplyFlyweight helloReply = new HelloReplyFlyweight();
    private final LinkState latest;
    private final long[] sentAtNs = new long[SENT_TIMES];
    private final int[] unacknowledged = new int[SENT_TIMES];
    private int unacknowledgedHead;
    private int unacknowledgedTail;
    private final Histogram roundTripNs = new Histogram(1_000L, 10_000_000_000L, 3);
    private final LinkCounters counters = new LinkCounters();

    private int txSequence;
    private long awaitingSinceNs;
    private boolean gone;
    private int lastHelloVersion = -1;
    private long lastHelloFirmwareVersion;
    private long bootCount = -1;
    private long lastFirmwareTimeUs = -1;
    private boolean expectingHello;
    private boolean helloAnswered;
    private boolean bootAnnounced;
    private int lastFaultCode;
    private boolean awaitingAnswer;
    private int answerType;
    private int outstanding;

    /**
     * @param port       the open port (the link closes it).
     * @param jointCount the joints the firmware drives.
     * @param clock      the clock of round trips and state ages.
     */
    public BridgeLink(final SerialPort port, final int jointCount, final NanoClock clock) {
        this.port = port;
        this.clock = clock;
        this.latest = new LinkState(jointCount);
    }

    /**
     * Reads what the port holds and handles every whole frame in it; bounded work per call.
     *
     * @return the frames handled, or −1 when the port is gone (unplugged, or the other side closed it).
     */
    public int poll() {
        if (gone) {
            return -1;
        }
        int frames = 0;
        for (int reads = 0; reads < MAX_READS_PER_POLL; reads++) {
            final int n = port.read(in, 0, READ_CHUNK);
            if (n < 0) {
                gone = true;
                return -1;
            }
            if (n == 0) {
                break;
            }
            counters.bytesIn += n;
            frames += decoder.onBytes(in, 0, n);
        }
        return frames;
    }

    /**
     * Sends one COMMAND whose per-joint values the caller wrote into {@link #command()} (after
     * {@code command().jointCount(n)}); remembers when, for the round trip.
     *
     * @return whether the whole frame was written (false: the port is gone or its buffer is full).
     */
    public boolean sendCommand() {
        final int sequence = txSequence;
        sentAtNs[sequence & (SENT_TIMES - 1)] = clock.nanoTime();
        if (unacknowledgedTail - unacknowledgedHead == SENT_TIMES) {
            unacknowledgedHead++;
            counters.commandsUnacknowledged++;
        }
        unacknowledged[unacknowledgedTail++ & (SENT_TIMES - 1)] = sequence;
        counters.commandsSent++;
        return send(BridgeProtocol.COMMAND, BridgeProtocol.commandLength(command.jointCount()));
    }

    /**
     * @return the COMMAND payload to fill before {@link #sendCommand()}, wrapped at the encoder's payload buffer.
     */
    public CommandFlyweight command() {
        command.wrap(encoder.payload(), 0);
        return command;
    }

    /**
     * Sends CLEAR without waiting: the firmware leaves ACTIVE (or a latched fault) for READY, its outputs safe.
     * Allocation-free, for the safe state on the control thread.
     *
     * @return whether it was written.
     */
    public boolean sendClear() {
        return send(BridgeProtocol.CLEAR, 0);
    }

    /**
     * Sends HEARTBEAT without waiting: the firmware answers with a STATE (how an INACTIVE robot's state stays fresh).
     *
     * @return whether it was written.
     */
    public boolean sendHeartbeat() {
        return send(BridgeProtocol.HEARTBEAT, 0);
    }

    /**
     * Sends HEARTBEAT and waits for the STATE that answers it: the firmware's state without commanding anything (a
     * heartbeat does not feed its watchdog).
     *
     * @param timeoutNs how long to wait.
     * @return {@link BridgeProtocol#STATE}, {@link BridgeProtocol#FAULT} or {@link #NO_ANSWER}.
     */
    public int heartbeat(final long timeoutNs) {
        return request(BridgeProtocol.HEARTBEAT, 0, timeoutNs);
    }

    /**
     * Says HELLO and waits for the firmware's answer. A boot announcement (a HELLO_REPLY numbered 0, the first frame
     * after the firmware starts) that arrives meanwhile means the HELLO may have been sent before the firmware could
     * hear it, so HELLO is said once more; only an answer (numbered above 0) ends the wait.
     *
     * @param timeoutNs how long to wait.
     * @return the firmware's protocol version, or {@link #NO_ANSWER}.
     */
    public int hello(final long timeoutNs) {
        hello.wrap(encoder.payload(), 0).protocolVersion(BridgeProtocol.VERSION);
        lastHelloVersion = -1;
        helloAnswered = false;
        bootAnnounced = false;
        expectingHello = true;
        send(BridgeProtocol.HELLO, BridgeProtocol.HELLO_LENGTH);
        boolean repeated = false;
        final long deadlineNs = clock.nanoTime() + timeoutNs;
        while (!helloAnswered && !gone && clock.nanoTime() - deadlineNs < 0) {
            awaitInput(deadlineNs);
            if (bootAnnounced && !helloAnswered && !repeated) {
                hello.wrap(encoder.payload(), 0).protocolVersion(BridgeProtocol.VERSION);
                send(BridgeProtocol.HELLO, BridgeProtocol.HELLO_LENGTH);
                repeated = true;
            }
        }
        expectingHello = false;
        return helloAnswered ? lastHelloVersion : NO_ANSWER;
    }

    /**
     * Sends CONFIGURE with the payload the caller wrote into {@link #configuration()} and waits for the answer.
     *
     * @param timeoutNs how long to wait.
     * @return {@link BridgeProtocol#STATE} (accepted), {@link BridgeProtocol#FAULT} (refused: {@link #lastFaultCode()}),
     *         or {@link #NO_ANSWER}.
     */
    public int configure(final long timeoutNs) {
        return request(BridgeProtocol.CONFIGURE, BridgeProtocol.configureLength(configure.jointCount()), timeoutNs);
    }

    /**
     * @return the CONFIGURE payload to fill before {@link #configure(long)}.
     */
    public ConfigureFlyweight configuration() {
        configure.wrap(encoder.payload(), 0);
        return configure;
    }

    /**
     * Sends CLEAR and waits for the STATE that answers it.
     *
     * @param timeoutNs how long to wait.
     * @return {@link BridgeProtocol#STATE}, {@link BridgeProtocol#FAULT} or {@link #NO_ANSWER}.
     */
    public int clear(final long timeoutNs) {
        return request(BridgeProtocol.CLEAR, 0, timeoutNs);
    }

    /**
     * Sends ESTOP and waits for the answer.
     *
     * @param timeoutNs how long to wait.
     * @return {@link BridgeProtocol#STATE}, {@link BridgeProtocol#FAULT} or {@link #NO_ANSWER}.
     */
    public int estop(final long timeoutNs) {
        return request(BridgeProtocol.ESTOP, 0, timeoutNs);
    }

    /**
     * Forgets the firmware's identity (boot count, clock, sequence numbers), as after a restart it has answered.
     */
    public void resynchronise() {
        bootCount = -1;
        lastFirmwareTimeUs = -1;
        decoder.resetSequence();
        latest.restarted = false;
    }

    @Override
    public void onFrame(final int type, final int sequence, final DirectBuffer buffer, final int payloadOffset,
        final int payloadLength) {
        final long nowNs = clock.nanoTime();
        switch (type) {
            case BridgeProtocol.STATE -> onState(buffer, payloadOffset, nowNs);
            case BridgeProtocol.FAULT -> onFault(buffer, payloadOffset);
            case BridgeProtocol.HELLO_REPLY -> onHelloReply(sequence, buffer, payloadOffset);
            default -> counters.unexpectedFrames++;
        }
        if (awaitingAnswer && (type == BridgeProtocol.STATE || type == BridgeProtocol.FAULT)) {
            answerType = type;
        }
    }

    private void onState(final DirectBuffer buffer, final int offset, final long nowNs) {
        state.wrap(buffer, offset);
        final long firmwareTimeUs = state.firmwareTimeUs();
        final long boot = state.bootCount();
        if (bootCount >= 0 && boot != bootCount
            || lastFirmwareTimeUs >= 0 && (int) (firmwareTimeUs - lastFirmwareTimeUs) < 0) {
            restarted();
        }
        bootCount = boot;
        lastFirmwareTimeUs = firmwareTimeUs;
        latest.reportedJoints = state.jointCount();
        final int joints = Math.min(state.jointCount(), latest.positions.length);
        for (int j = 0; j < joints; j++) {
            latest.positions[j] = state.position(j);
            latest.velocities[j] = state.velocity(j);
            latest.efforts[j] = state.effort(j);
        }
        latest.mode = state.mode();
        latest.faultBits = state.faultBits();
        latest.temperatureC = state.temperatureCentiC() / 100.0;
        latest.firmwareTimeUs = firmwareTimeUs;
        latest.firmwareCrcErrors = state.crcErrors();
        latest.firmwareSequenceGaps = state.sequenceGaps();
        final int applied = state.lastCommandSequence();
        if (applied != latest.lastCommandApplied) {
            latest.lastCommandApplied = applied;
            acknowledge(applied);
            final long sentNs = sentAtNs[applied & (SENT_TIMES - 1)];
            if (sentNs != 0 && nowNs - sentNs >= 0) {
                roundTripNs.recordValue(Math.max(1_000L, Math.min(nowNs - sentNs, roundTripNs.getHighestTrackableValue())));
                sentAtNs[applied & (SENT_TIMES - 1)] = 0;
            }
        }
        latest.receivedNs = nowNs;
        latest.states++;
        answered(nowNs);
    }

    /** One request fewer owes an answer; the silence of the next one is counted from now. */
    private void answered(final long nowNs) {
        if (outstanding > 0) {
            outstanding--;
        }
        awaitingSinceNs = outstanding == 0 ? 0 : nowNs;
    }

    /**
     * Matches an applied sequence number with the commands sent, oldest first: each command passed over was never
     * acknowledged (lost, or refused by the firmware).
     */
    private void acknowledge(final int applied) {
        if (unacknowledgedHead == unacknowledgedTail) {
            return; // nothing outstanding: the firmware's initial number, or an acknowledgement repeated
        }
        for (int i = unacknowledgedHead; i != unacknowledgedTail; i++) {
            if (unacknowledged[i & (SENT_TIMES - 1)] == applied) {
                counters.commandsUnacknowledged += i - unacknowledgedHead;
                counters.commandsAcknowledged++;
                unacknowledgedHead = i + 1;
                return;
            }
        }
        counters.unexpectedAcknowledgements++;
    }

    private void onFault(final DirectBuffer buffer, final int offset) {
        fault.wrap(buffer, offset);
        answered(clock.nanoTime());
        lastFaultCode = fault.code();
        latest.faults++;
        latest.lastFaultCode = lastFaultCode;
        latest.lastFaultFirmwareTimeUs = fault.firmwareTimeUs();
        counters.faults++;
    }

    /**
     * A HELLO_REPLY numbered 0 is the firmware's boot announcement: outside a handshake, a restart. One numbered above
     * 0 answers a HELLO; outside a handshake it is a late answer, not a restart.
     */
    private void onHelloReply(final int sequence, final DirectBuffer buffer, final int offset) {
        helloReply.wrap(buffer, offset);
        lastHelloVersion = helloReply.protocolVersion();
        lastHelloFirmwareVersion = helloReply.firmwareVersion();
        latest.capabilities = helloReply.capabilities();
        latest.maxJoints = helloReply.maxJoints();
        latest.helloBootCount = helloReply.bootCount();
        final boolean announcement = sequence == 0;
        if (expectingHello) {
            bootAnnounced |= announcement;
            helloAnswered |= !announcement;
        } else if (announcement || bootCount >= 0 && helloReply.bootCount() != bootCount) {
            restarted();
        } else {
            counters.unexpectedFrames++;
        }
    }

    private void restarted() {
        counters.restarts++;
        latest.restarted = true;
        decoder.resetSequence();
    }

    /**
     * Sends a request and waits for its answer. The firmware answers in order, so the link first lets the answers to
     * what it sent before arrive (for at most 100 ms or half the timeout; any not in by then were lost), then sends,
     * then takes the next STATE or FAULT, within the timeout, as the answer.
     */
    private int request(final int type, final int payloadLength, final long timeoutNs) {
        final long startNs = clock.nanoTime();
        final long quietNs = startNs + Math.min(timeoutNs / 2, MAX_QUIET_NS);
        while (outstanding > 0 && !gone && clock.nanoTime() - quietNs < 0) {
            awaitInput(quietNs);
        }
        outstanding = 0;
        final long deadlineNs = clock.nanoTime() + timeoutNs;
        answerType = NO_ANSWER;
        awaitingAnswer = true;
        if (!send(type, payloadLength)) {
            awaitingAnswer = false;
            return NO_ANSWER;
        }
        while (answerType == NO_ANSWER && !gone && clock.nanoTime() - deadlineNs < 0) {
            awaitInput(deadlineNs);
        }
        awaitingAnswer = false;
        return answerType;
    }

    /** Waits (poll(2), at most 10 ms at a time) for input until the deadline and handles what came. */
    private void awaitInput(final long deadlineNs) {
        final long remainingMs = Math.max(1L, Math.min(10L, (deadlineNs - clock.nanoTime()) / 1_000_000L));
        if (port.await((int) remainingMs) < 0) {
            gone = true;
            return;
        }
        poll();
    }

    private boolean send(final int type, final int payloadLength) {
        if (gone) {
            return false;
        }
        if (type != BridgeProtocol.HELLO) {
            if (outstanding++ == 0) {
                awaitingSinceNs = Math.max(1L, clock.nanoTime());
            }
        }
        final int length = encoder.encode(type, txSequence, payloadLength, out, 0);
        txSequence = (txSequence + 1) & 0xFFFF;
        final int written = port.write(out, 0, length);
        if (written < 0) {
            gone = true;
            return false;
        }
        counters.bytesOut += written;
        if (written < length) {
            counters.shortWrites++;
            return false;
        }
        return true;
    }

    /**
     * @return the latest state and events, live.
     */
    public LinkState latest() {
        return latest;
    }

    /**
     * @return since when the firmware has owed an answer without giving one (the link's clock, ns: the send of the
     *         oldest unanswered request, or the last answer when more are owed), or 0 when every request has had its
     *         STATE or FAULT.
     */
    public long awaitingSinceNs() {
        return awaitingSinceNs;
    }

    /**
     * @return whether the port is gone.
     */
    public boolean isGone() {
        return gone;
    }

    /**
     * @return the last FAULT's code (0 before any).
     */
    public int lastFaultCode() {
        return lastFaultCode;
    }

    /**
     * @return the firmware version of the last HELLO_REPLY ({@code major << 16 | minor << 8 | patch}).
     */
    public long firmwareVersion() {
        return lastHelloFirmwareVersion;
    }

    /**
     * @return the command → state round trips measured (ns), live.
     */
    public Histogram roundTrips() {
        return roundTripNs;
    }

    /**
     * @return the link's counters, with the decoder's folded in (allocation-free: the control thread reads its link
     *         errors through it each tick).
     */
    public LinkCounters counters() {
        counters.framesIn = decoder.frames();
        counters.crcErrors = decoder.crcErrors();
        counters.cobsErrors = decoder.cobsErrors();
        counters.oversizeFrames = decoder.oversizeFrames();
        counters.malformedFrames = decoder.malformedFrames();
        counters.sequenceGaps = decoder.sequenceGaps();
        return counters;
    }

    @Override
    public void close() {
        port.close();
    }
}
