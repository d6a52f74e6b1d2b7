package dev.sparring.fleet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link LogShipper} ships and where.
 *
 * @param robotName      the robot's name on the wire ({@link RobotName}).
 * @param logDirectory   the robot's experience log (the controller's {@code --log DIR}).
 * @param channel        the receiver's channel, e.g. {@code aeron:udp?endpoint=trainer:40123|term-length=1m}.
 * @param streamId       the stream of RECORD and HELLO messages.
 * @param replyChannel   where the shipper listens for ACK and REWIND; a UDP endpoint with port 0 takes a free port,
 *                       which HELLO tells the receiver.
 * @param replyStreamId  the stream of ACK and REWIND messages.
 * @param helloIntervalNs how often HELLO is repeated while no receiver has answered.
 * @param ackTimeoutNs   records in flight with no acknowledgement for this long: say HELLO again (the receiver may
 *                       have restarted without the shipper noticing a disconnection).
 * @param windowRecords  the most records in flight (shipped, not acknowledged); a power of two.
 * @param batchLimit     the most records offered per duty cycle.
 */
public record LogShipperConfig(String robotName, Path logDirectory, String channel, int streamId,
    String replyChannel, int replyStreamId, long helloIntervalNs, long ackTimeoutNs, int windowRecords,
    int batchLimit) {
    /** The default stream of RECORD and HELLO messages. */
    public static final int DEFAULT_STREAM_ID = 1301;
    /** The default stream of ACK and REWIND messages. */
    public static final int DEFAULT_REPLY_STREAM_ID = 1302;
    /** The default term length of the shipper's publication: 1 MiB (3 MiB of log buffer; records up to 128 KiB). */
    public static final String DEFAULT_TERM_LENGTH = "1m";

    /**
     * Validates.
     */
    public LogShipperConfig {
        RobotName.encode(Objects.requireNonNull(robotName, "robot name must be set"));
        Objects.requireNonNull(logDirectory, "log directory must be set");
        Objects.requireNonNull(channel, "channel must be set");
        Objects.requireNonNull(replyChannel, "reply channel must be set");
        if (helloIntervalNs <= 0 || ackTimeoutNs <= 0) {
            throw new IllegalArgumentException("shipper hello interval and ack timeout must be > 0, were "
                + helloIntervalNs + " ns and " + ackTimeoutNs + " ns");
        }
        if (windowRecords <= 0 || Integer.bitCount(windowRecords) != 1) {
            throw new IllegalArgumentException("shipper window must be a power of two records, was " + windowRecords);
        }
        if (batchLimit <= 0) {
            throw new IllegalArgumentException("shipper batch limit must be > 0, was " + batchLimit);
        }
    }

    /**
     * Defaults: hello every 250 ms, ack timeout 5 s, 65 536 records in flight, 64 records per duty cycle.
     *
     * @param robotName     the robot's name.
     * @param logDirectory  its log.
     * @param channel       the receiver's channel.
     * @param replyChannel  the shipper's reply channel.
     * @return the config.
     */
    public static LogShipperConfig of(final String robotName, final Path logDirectory, final String channel,
        final String replyChannel) {
        return new LogShipperConfig(robotName, logDirectory, channel, DEFAULT_STREAM_ID, replyChannel,
            DEFAULT_REPLY_STREAM_ID, TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(5), 1 << 16, 64);
    }

    /**
     * @param timeoutNs see {@link #ackTimeoutNs()}.
     * @return a copy with it.
     */
    public LogShipperConfig withAckTimeoutNs(final long timeoutNs) {
        return new LogShipperConfig(robotName, logDirectory, channel, streamId, replyChannel, replyStreamId,
            helloIntervalNs, timeoutNs, windowRecords, batchLimit);
    }

    /**
     * @param records see {@link #windowRecords()}.
     * @return a copy with it.
     */
    public LogShipperConfig withWindowRecords(final int records) {
        return new LogShipperConfig(robotName, logDirectory, channel, streamId, replyChannel, replyStreamId,
            helloIntervalNs, ackTimeoutNs, records, batchLimit);
    }
}
