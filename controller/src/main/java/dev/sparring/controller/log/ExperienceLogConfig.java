package dev.sparring.controller.log;

import java.nio.file.Path;
import java.util.Objects;

import net.openhft.chronicle.queue.RollCycles;

/**
 * Validated settings of one robot's experience log; every constructor argument is checked once, here, with a
 * message that names the field and the value.
 *
 * @param directory           the queue directory (one per robot); created when missing.
 * @param rollCycle           how often the queue starts a new file; fixed when the queue is created.
 * @param retentionMaxGiB     keep at most this many GiB of cycle files, oldest deleted first; 0 means unlimited.
 * @param retentionMaxDays    delete cycle files last written more than this many days ago; 0 means unlimited.
 * @param syncPolicy          when records are forced to the device.
 * @param syncPeriodMs        the period of {@link SyncPolicy#PERIODIC}; ignored by the other policies.
 * @param drainLimit          the most records the logger moves from the ring to the queue in one duty cycle.
 * @param continueAfterDamage when the queue is damaged (as {@link ExperienceLogReader} finds it), append in a new
 *                            cycle file after the newest one instead of refusing to open it.
 */
public record ExperienceLogConfig(
    Path directory,
    RollCycles rollCycle,
    double retentionMaxGiB,
    int retentionMaxDays,
    SyncPolicy syncPolicy,
    long syncPeriodMs,
    int drainLimit,
    boolean continueAfterDamage) {

    /**
     * Default roll cycle: hourly files (about 0.6 GB at 1 kHz with 17 observations and 6 actions) make each cycle
     * file's release and unmapping a once-an-hour event on the logger thread and give retention an hour's
     * granularity; FAST_HOURLY's sparse index suits sequential writers and readers.
     */
    public static final RollCycles DEFAULT_ROLL_CYCLE = RollCycles.FAST_HOURLY;
    /** Default sync period for {@link SyncPolicy#PERIODIC}. */
    public static final long DEFAULT_SYNC_PERIOD_MS = 1000;
    /** Default drain limit per duty cycle. */
    public static final int DEFAULT_DRAIN_LIMIT = 256;

    /**
     * Validates every field.
     */
    public ExperienceLogConfig {
        Objects.requireNonNull(directory, "experience log directory must be set");
        Objects.requireNonNull(rollCycle, "experience log rollCycle must be set");
        Objects.requireNonNull(syncPolicy, "experience log syncPolicy must be set");
        if (!(retentionMaxGiB >= 0) || Double.isInfinite(retentionMaxGiB)) {
            throw new IllegalArgumentException(
                "experience log retentionMaxGiB must be finite and >= 0 (0 = unlimited), was " + retentionMaxGiB);
        }
        if (retentionMaxDays < 0) {
            throw new IllegalArgumentException(
                "experience log retentionMaxDays must be >= 0 (0 = unlimited), was " + retentionMaxDays);
        }
        if (syncPolicy == SyncPolicy.PERIODIC && syncPeriodMs <= 0) {
            throw new IllegalArgumentException(
                "experience log syncPeriodMs must be > 0 with sync policy PERIODIC, was " + syncPeriodMs);
        }
        if (drainLimit <= 0) {
            throw new IllegalArgumentException("experience log drainLimit must be > 0, was " + drainLimit);
        }
    }

    /**
     * @param directory the queue directory.
     * @return defaults: hourly files, unlimited retention, no sync.
     */
    public static ExperienceLogConfig defaults(final Path directory) {
        return new ExperienceLogConfig(directory, DEFAULT_ROLL_CYCLE, 0, 0, SyncPolicy.NONE,
            DEFAULT_SYNC_PERIOD_MS, DEFAULT_DRAIN_LIMIT, false);
    }

    /**
     * @param maxGiB  see {@link #retentionMaxGiB()}.
     * @param maxDays see {@link #retentionMaxDays()}.
     * @return a copy with this retention.
     */
    public ExperienceLogConfig withRetention(final double maxGiB, final int maxDays) {
        return new ExperienceLogConfig(directory, rollCycle, maxGiB, maxDays, syncPolicy, syncPeriodMs, drainLimit,
            continueAfterDamage);
    }

    /**
     * @param policy   see {@link #syncPolicy()}.
     * @param periodMs see {@link #syncPeriodMs()}.
     * @return a copy with this sync policy.
     */
    public ExperienceLogConfig withSync(final SyncPolicy policy, final long periodMs) {
        return new ExperienceLogConfig(directory, rollCycle, retentionMaxGiB, retentionMaxDays, policy, periodMs,
            drainLimit, continueAfterDamage);
    }

    /**
     * @param cycle see {@link #rollCycle()}.
     * @return a copy with this roll cycle.
     */
    public ExperienceLogConfig withRollCycle(final RollCycles cycle) {
        return new ExperienceLogConfig(directory, cycle, retentionMaxGiB, retentionMaxDays, syncPolicy, syncPeriodMs,
            drainLimit, continueAfterDamage);
    }

    /**
     * @param continueAfter see {@link #continueAfterDamage()}.
     * @return a copy with this choice.
     */
    public ExperienceLogConfig withContinueAfterDamage(final boolean continueAfter) {
        return new ExperienceLogConfig(directory, rollCycle, retentionMaxGiB, retentionMaxDays, syncPolicy, syncPeriodMs,
            drainLimit, continueAfter);
    }

    /**
     * @return the retention size limit in bytes, 0 for unlimited.
     */
    public long retentionMaxBytes() {
        return (long) (retentionMaxGiB * (1L << 30));
    }
}
