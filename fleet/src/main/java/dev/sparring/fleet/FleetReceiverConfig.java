package dev.sparring.fleet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where a {@link FleetReceiver} listens and writes.
 *
 * @param outDirectory     each robot's copy goes to {@code outDirectory/<robot name>/}.
 * @param channel          the channel it subscribes to, e.g. {@code aeron:udp?endpoint=0.0.0.0:40123}.
 * @param streamId         the stream of RECORD and HELLO messages.
 * @param allowList        the robots accepted, or null to accept every robot.
 * @param syncIntervalNs   how often appended records are synced to the device and then acknowledged; 0 syncs after
 *                         every duty cycle that appended.
 * @param rewindIntervalNs the least time between two REWINDs to one robot on gaps (a REWIND answers a HELLO at once).
 * @param fragmentLimit    the most fragments polled per duty cycle.
 * @param challengeTimeoutNs how long a CHALLENGE waits for its PROOF before it is dropped (the shipper says HELLO
 *                         again).
 */
public record FleetReceiverConfig(Path outDirectory, String channel, int streamId, AllowList allowList,
    long syncIntervalNs, long rewindIntervalNs, int fragmentLimit, long challengeTimeoutNs) {
    /**
     * Validates.
     */
    public FleetReceiverConfig {
        Objects.requireNonNull(outDirectory, "receiver output directory must be set");
        Objects.requireNonNull(channel, "receiver channel must be set");
        if (syncIntervalNs < 0 || rewindIntervalNs < 0) {
            throw new IllegalArgumentException("receiver sync and rewind intervals must be >= 0, were "
                + syncIntervalNs + " ns and " + rewindIntervalNs + " ns");
        }
        if (challengeTimeoutNs <= 0) {
            throw new IllegalArgumentException("receiver challenge timeout must be > 0, was " + challengeTimeoutNs
                + " ns");
        }
        if (fragmentLimit <= 0) {
            throw new IllegalArgumentException("receiver fragment limit must be > 0, was " + fragmentLimit);
        }
    }

    /**
     * Defaults: sync every 100 ms, a REWIND at most every 200 ms per robot, 256 fragments per duty cycle, challenges
     * answered within 10 s.
     *
     * @param outDirectory where the copies go.
     * @param channel      the channel.
     * @param allowList    the robots accepted, or null for all.
     * @return the config.
     */
    public static FleetReceiverConfig of(final Path outDirectory, final String channel, final AllowList allowList) {
        return new FleetReceiverConfig(outDirectory, channel, LogShipperConfig.DEFAULT_STREAM_ID, allowList,
            TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(200), 256, TimeUnit.SECONDS.toNanos(10));
    }

    /**
     * @param intervalNs see {@link #syncIntervalNs()}.
     * @return a copy with it.
     */
    public FleetReceiverConfig withSyncIntervalNs(final long intervalNs) {
        return new FleetReceiverConfig(outDirectory, channel, streamId, allowList, intervalNs, rewindIntervalNs,
            fragmentLimit, challengeTimeoutNs);
    }

    /**
     * @param timeoutNs see {@link #challengeTimeoutNs()}.
     * @return a copy with it.
     */
    public FleetReceiverConfig withChallengeTimeoutNs(final long timeoutNs) {
        return new FleetReceiverConfig(outDirectory, channel, streamId, allowList, syncIntervalNs, rewindIntervalNs,
            fragmentLimit, timeoutNs);
    }
}
