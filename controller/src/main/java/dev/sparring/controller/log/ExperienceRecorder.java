package dev.sparring.controller.log;

import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The control thread's end of the experience log: writes each record straight into a slot of an Agrona
 * {@link RingBuffer} (claim, fill through the flyweight, commit), never blocking, never allocating, never touching the
 * queue. When the ring is full the record is dropped and counted; the next record that fits is preceded by a
 * {@link RecordType#GAP} record carrying how many were dropped, so the log says where it has holes.
 * The logger agent on its own thread drains the ring into Chronicle Queue. One recorder per control thread.
 * <p>
 * Each record is sealed here, on the control thread, with its CRC-32C ({@link ExperienceRecordFlyweight#seal()}),
 * so the checksum covers the record from the moment it is complete: the ring, the logger's copy into the queue, the
 * page cache and the disk. Its cost did not show in {@code ExperienceOfferAloneBenchmark} (17 observations, 6
 * actions): 46.7 ± 2.9 ns per offer with the checksum, 52.8 ± 9.5 ns with it removed, on this machine (the JDK's
 * CRC32C intrinsic over 160 bytes); it allocates nothing and cannot throw. Computing it on the logger thread instead
 * would leave the ring-to-queue copy unchecked and save nothing measurable.
 */
public final class ExperienceRecorder {
    private final RingBuffer ring;
    private final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
    private final long robotId;
    private long policyId;
    private int policyVersion;
    private final int observationCount;
    private final int actionCount;
    private final int adversaryCount;
    private final int stepLength;
    private long offered;
    private long dropped;
    private long pendingGap;

    /**
     * @param ring             the ring buffer the logger agent drains.
     * @param robotId          written in every record.
     * @param policyId         written in every record.
     * @param policyVersion    written in every record.
     * @param observationCount n of every step record.
     * @param actionCount      a of every step record.
     * @param adversaryCount   d of every step record (0 when there is no adversary).
     * @throws IllegalArgumentException when a step record would not fit the ring's largest message, or the ring's
     *                                  buffer wraps a raw address (the checksum needs a byte array or ByteBuffer).
     */
    public ExperienceRecorder(final RingBuffer ring, final long robotId, final long policyId, final int policyVersion,
        final int observationCount, final int actionCount, final int adversaryCount) {
        this.ring = ring;
        this.robotId = robotId;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.observationCount = observationCount;
        this.actionCount = actionCount;
        this.adversaryCount = adversaryCount;
        this.stepLength = ExperienceRecordFlyweight.length(observationCount, actionCount, adversaryCount);
        if (stepLength > ring.maxMsgLength()) {
            throw new IllegalArgumentException("a step record of " + stepLength + " bytes exceeds the ring buffer's "
                + "largest message, " + ring.maxMsgLength() + " bytes: use a larger ring");
        }
        if (ring.buffer().byteArray() == null && ring.buffer().byteBuffer() == null) {
            throw new IllegalArgumentException("the ring buffer must wrap a byte array or a ByteBuffer (records are "
                + "checksummed through them), not a raw address");
        }
    }

    /**
     * Offers a step record.
     *
     * @param timestampNs    monotonic time of the tick.
     * @param episodeId      the episode.
     * @param stepIndex      index of the step in the episode.
     * @param observation    n values.
     * @param action         a values: what the robot executed, in the policy's action units.
     * @param adversary      d values, or null when d = 0.
     * @param reward         the reward, NaN when unknown.
     * @param logProbability behaviour policy's log-probability of the recorded action, NaN when it has none (a
     *                       deterministic action, the safe command).
     * @param flags          {@link ExperienceRecordFlyweight} flag bits.
     * @return true when queued, false when dropped (ring full).
     */
    public boolean step(final long timestampNs, final long episodeId, final long stepIndex,
        final double[] observation, final double[] action, final double[] adversary, final double reward,
        final double logProbability, final int flags) {
        final int index = claim(stepLength, timestampNs, episodeId);
        if (index < 0) {
            return false;
        }
        fill(index, RecordType.STEP, flags, observationCount, actionCount, adversaryCount, timestampNs, episodeId,
            stepIndex);
        record.reward(reward).logProbability(logProbability);
        for (int i = 0; i < observationCount; i++) {
            record.observation(i, observation[i]);
        }
        for (int i = 0; i < actionCount; i++) {
            record.action(i, action[i]);
        }
        for (int i = 0; i < adversaryCount; i++) {
            record.adversary(i, adversary[i]);
        }
        record.seal();
        ring.commit(index);
        return true;
    }

    /**
     * Offers an episode-start marker.
     *
     * @param timestampNs monotonic time.
     * @param episodeId   the new episode.
     * @return true when queued, false when dropped.
     */
    public boolean episodeStart(final long timestampNs, final long episodeId) {
        return marker(RecordType.EPISODE_START, 0, timestampNs, episodeId, 0);
    }

    /**
     * Offers an episode-end marker.
     *
     * @param timestampNs monotonic time.
     * @param episodeId   the episode that ends.
     * @param steps       how many steps it had.
     * @param flags       {@link ExperienceRecordFlyweight#FLAG_TERMINAL} or {@link ExperienceRecordFlyweight#FLAG_TRUNCATED}.
     * @return true when queued, false when dropped.
     */
    public boolean episodeEnd(final long timestampNs, final long episodeId, final long steps, final int flags) {
        return marker(RecordType.EPISODE_END, flags, timestampNs, episodeId, steps);
    }

    /**
     * Sets the policy id and version the following records carry: the control thread calls it when an episode
     * begins with a new policy, before its EPISODE_START marker.
     *
     * @param id      the policy's id.
     * @param version the policy version (1 for the run's first policy, +1 for each one after it).
     */
    public void policy(final long id, final int version) {
        this.policyId = id;
        this.policyVersion = version;
    }

    /**
     * @return records queued so far (gap markers not included).
     */
    public long offered() {
        return offered;
    }

    /**
     * @return records dropped because the ring was full.
     */
    public long dropped() {
        return dropped;
    }

    private boolean marker(final RecordType type, final int flags, final long timestampNs, final long episodeId,
        final long stepIndex) {
        final int index = claim(ExperienceRecordFlyweight.MARKER_LENGTH, timestampNs, episodeId);
        if (index < 0) {
            return false;
        }
        fill(index, type, flags, 0, 0, 0, timestampNs, episodeId, stepIndex);
        record.reward(Double.NaN).logProbability(Double.NaN).seal();
        ring.commit(index);
        return true;
    }

    /**
     * Claims a slot for a record, first writing a gap marker if records were dropped before; counts the record as
     * offered or dropped. The gap marker carries the time and episode of the record it precedes.
     */
    private int claim(final int length, final long timestampNs, final long episodeId) {
        if (pendingGap > 0) {
            final int gapIndex = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID,
                ExperienceRecordFlyweight.MARKER_LENGTH);
            if (gapIndex < 0) {
                pendingGap++;
                dropped++;
                return -1;
            }
            fill(gapIndex, RecordType.GAP, 0, 0, 0, 0, timestampNs, episodeId, pendingGap);
            record.reward(Double.NaN).logProbability(Double.NaN).seal();
            ring.commit(gapIndex);
            pendingGap = 0;
        }
        final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, length);
        if (index < 0) {
            pendingGap++;
            dropped++;
            return -1;
        }
        offered++;
        return index;
    }

    private void fill(final int index, final RecordType type, final int flags, final int n, final int a, final int d,
        final long timestampNs, final long episodeId, final long stepIndex) {
        record.wrap(ring.buffer(), index)
            .header(type, flags, n, a, d)
            .policyVersion(policyVersion)
            .robotId(robotId)
            .episodeId(episodeId)
            .stepIndex(stepIndex)
            .timestampNs(timestampNs)
            .policyId(policyId);
    }
}
