package dev.sparring.controller.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * View over one experience record in a buffer (ring buffer slot, Chronicle excerpt): no copies, no allocation.
 * Little-endian, fixed 64-byte header followed by the float32 vectors and, from format version 2 on, a 4-byte
 * CRC-32C of every byte before it; documented in {@code docs/formats.md}. Version 1 records (no checksum) are still
 * read: {@link #length()} and {@link #hasChecksum()} follow the wrapped record's own version.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |        format version         |  record type  |     flags     |  0
 *  +-------------------------------+-------------------------------+
 *  |      observation count n      |        action count a         |  4
 *  +-------------------------------+-------------------------------+
 *  |      adversary count d        |           reserved            |  8
 *  +-------------------------------+-------------------------------+
 *  |                        policy version                         | 12
 *  +---------------------------------------------------------------+
 *  |                      robot id (64 bits)                       | 16
 *  |                      episode id (64 bits)                     | 24
 *  |        step index (64 bits; GAP: records dropped)             | 32
 *  |               timestamp, monotonic ns (64 bits)               | 40
 *  |                      policy id (64 bits)                      | 48
 *  +---------------------------------------------------------------+
 *  |               reward (float32; NaN when unknown)              | 56
 *  |      behaviour log-probability of the action (float32)        | 60
 *  +---------------------------------------------------------------+
 *  |  observation float32[n] | action float32[a] | adversary float32[d]  64 ...
 *  +---------------------------------------------------------------+
 *  |     CRC-32C of bytes 0 .. 64+4(n+a+d)-1 (version 2 only)      |  64+4(n+a+d)
 *  +---------------------------------------------------------------+
 * </pre>
 * The writer fills a record, then {@link #seal()}s it (computes and stores the checksum); a reader checks it with
 * {@link #isChecksumValid()}. The checksum is computed with {@link CRC32C} (an intrinsic) over the wrapped buffer's
 * byte array or {@link ByteBuffer}, allocating nothing after the first record of a buffer.
 */
public final class ExperienceRecordFlyweight {
    /** Layout version written in every record. */
    public static final int FORMAT_VERSION = 2;
    /** The first layout version: no checksum after the vectors. Still read. */
    public static final int FORMAT_VERSION_WITHOUT_CHECKSUM = 1;
    /** Bytes before the vectors. */
    public static final int HEADER_LENGTH = 64;
    /** Bytes of the checksum after the vectors (format version 2 on). */
    public static final int CHECKSUM_LENGTH = 4;
    /** Length of a marker record (EPISODE_START, EPISODE_END, GAP: no vectors) in the current format. */
    public static final int MARKER_LENGTH = HEADER_LENGTH + CHECKSUM_LENGTH;
    /** Flag: the episode ended in a terminal state (no bootstrap). */
    public static final int FLAG_TERMINAL = 1;
    /** Flag: the episode was cut by a time limit (bootstrap from the value). */
    public static final int FLAG_TRUNCATED = 1 << 1;
    /** Flag: the safety supervisor had a fault latched; the action executed (and recorded) was the safe command. */
    public static final int FLAG_SAFETY_FAULT = 1 << 2;
    /** Flag: the executed action differs from the policy's: an element was clamped to its joint's limits. */
    public static final int FLAG_ACTION_CLAMPED = 1 << 3;
    /** Flag: the executed action differs from the policy's: an element was held back by its rate limit. */
    public static final int FLAG_ACTION_RATE_LIMITED = 1 << 4;

    static final int VERSION_OFFSET = 0;
    static final int TYPE_OFFSET = 2;
    static final int FLAGS_OFFSET = 3;
    static final int OBSERVATION_COUNT_OFFSET = 4;
    static final int ACTION_COUNT_OFFSET = 6;
    static final int ADVERSARY_COUNT_OFFSET = 8;
    static final int POLICY_VERSION_OFFSET = 12;
    static final int ROBOT_ID_OFFSET = 16;
    static final int EPISODE_ID_OFFSET = 24;
    static final int STEP_INDEX_OFFSET = 32;
    static final int TIMESTAMP_OFFSET = 40;
    static final int POLICY_ID_OFFSET = 48;
    static final int REWARD_OFFSET = 56;
    static final int LOG_PROBABILITY_OFFSET = 60;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final CRC32C crc = new CRC32C();
    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;
    private DirectBuffer checksummedBuffer;
    private ByteBuffer checksumView;

    /**
     * @param observationCount n.
     * @param actionCount      a.
     * @param adversaryCount   d.
     * @return the length in bytes of a record in the current format, checksum included.
     */
    public static int length(final int observationCount, final int actionCount, final int adversaryCount) {
        return vectorsEnd(observationCount, actionCount, adversaryCount) + CHECKSUM_LENGTH;
    }

    private static int vectorsEnd(final int observationCount, final int actionCount, final int adversaryCount) {
        return HEADER_LENGTH + Float.BYTES * (observationCount + actionCount + adversaryCount);
    }

    /**
     * Wraps a record for reading.
     *
     * @param buffer the buffer.
     * @param offset the record's first byte.
     * @return this.
     */
    public ExperienceRecordFlyweight wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutableBuffer = null;
        this.offset = offset;
        return this;
    }

    /**
     * Wraps a record for writing.
     *
     * @param buffer the buffer.
     * @param offset the record's first byte.
     * @return this.
     */
    public ExperienceRecordFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes a complete header; vectors follow with {@link #observation(int, double)} etc.
     *
     * @param type             record type.
     * @param flags            flag bits.
     * @param observationCount n.
     * @param actionCount      a.
     * @param adversaryCount   d.
     * @return this.
     */
    public ExperienceRecordFlyweight header(final RecordType type, final int flags, final int observationCount,
        final int actionCount, final int adversaryCount) {
        mutableBuffer.putShort(offset + VERSION_OFFSET, (short) FORMAT_VERSION, ORDER);
        mutableBuffer.putByte(offset + TYPE_OFFSET, (byte) type.code());
        mutableBuffer.putByte(offset + FLAGS_OFFSET, (byte) flags);
        mutableBuffer.putShort(offset + OBSERVATION_COUNT_OFFSET, (short) observationCount, ORDER);
        mutableBuffer.putShort(offset + ACTION_COUNT_OFFSET, (short) actionCount, ORDER);
        mutableBuffer.putShort(offset + ADVERSARY_COUNT_OFFSET, (short) adversaryCount, ORDER);
        mutableBuffer.putShort(offset + ADVERSARY_COUNT_OFFSET + 2, (short) 0, ORDER);
        return this;
    }

    /**
     * @return the layout version of the wrapped record.
     */
    public int formatVersion() {
        return buffer.getShort(offset + VERSION_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return the record type, or null when the stored code is unknown.
     */
    public RecordType type() {
        return RecordType.ofCode(buffer.getByte(offset + TYPE_OFFSET) & 0xFF);
    }

    /**
     * @return the flag bits.
     */
    public int flags() {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * @return n.
     */
    public int observationCount() {
        return buffer.getShort(offset + OBSERVATION_COUNT_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return a.
     */
    public int actionCount() {
        return buffer.getShort(offset + ACTION_COUNT_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return d.
     */
    public int adversaryCount() {
        return buffer.getShort(offset + ADVERSARY_COUNT_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return the record's length in bytes, from its counts and its format version (a checksum from version 2 on).
     */
    public int length() {
        final int vectorsEnd = vectorsEnd(observationCount(), actionCount(), adversaryCount());
        return hasChecksum() ? vectorsEnd + CHECKSUM_LENGTH : vectorsEnd;
    }

    /**
     * @return true when the wrapped record's format version carries a checksum (version 2 on).
     */
    public boolean hasChecksum() {
        return formatVersion() > FORMAT_VERSION_WITHOUT_CHECKSUM;
    }

    /**
     * Computes the checksum of the record (its counts set, its vectors written) and stores it after the vectors.
     * Call last, before handing the record on; allocates nothing after the first record of a buffer.
     *
     * @return this.
     */
    public ExperienceRecordFlyweight seal() {
        final int checksumOffset = length() - CHECKSUM_LENGTH;
        mutableBuffer.putInt(offset + checksumOffset, computeChecksum(checksumOffset), ORDER);
        return this;
    }

    /**
     * @return the stored checksum (version 2 on).
     */
    public int checksum() {
        return buffer.getInt(offset + length() - CHECKSUM_LENGTH, ORDER);
    }

    /**
     * @return true when the record has no checksum (version 1) or its stored checksum matches its bytes; call only
     * on a record whose {@link #length()} lies within the wrapped buffer.
     */
    public boolean isChecksumValid() {
        if (!hasChecksum()) {
            return true;
        }
        final int checksumOffset = length() - CHECKSUM_LENGTH;
        return computeChecksum(checksumOffset) == buffer.getInt(offset + checksumOffset, ORDER);
    }

    /**
     * @return the policy version.
     */
    public int policyVersion() {
        return buffer.getInt(offset + POLICY_VERSION_OFFSET, ORDER);
    }

    /**
     * @param value the policy version.
     * @return this.
     */
    public ExperienceRecordFlyweight policyVersion(final int value) {
        mutableBuffer.putInt(offset + POLICY_VERSION_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the robot id.
     */
    public long robotId() {
        return buffer.getLong(offset + ROBOT_ID_OFFSET, ORDER);
    }

    /**
     * @param value the robot id.
     * @return this.
     */
    public ExperienceRecordFlyweight robotId(final long value) {
        mutableBuffer.putLong(offset + ROBOT_ID_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the episode id.
     */
    public long episodeId() {
        return buffer.getLong(offset + EPISODE_ID_OFFSET, ORDER);
    }

    /**
     * @param value the episode id.
     * @return this.
     */
    public ExperienceRecordFlyweight episodeId(final long value) {
        mutableBuffer.putLong(offset + EPISODE_ID_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the step index in the episode (GAP: the number of records dropped before this one).
     */
    public long stepIndex() {
        return buffer.getLong(offset + STEP_INDEX_OFFSET, ORDER);
    }

    /**
     * @param value the step index (GAP: records dropped).
     * @return this.
     */
    public ExperienceRecordFlyweight stepIndex(final long value) {
        mutableBuffer.putLong(offset + STEP_INDEX_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the monotonic timestamp (ns).
     */
    public long timestampNs() {
        return buffer.getLong(offset + TIMESTAMP_OFFSET, ORDER);
    }

    /**
     * @param value the monotonic timestamp (ns).
     * @return this.
     */
    public ExperienceRecordFlyweight timestampNs(final long value) {
        mutableBuffer.putLong(offset + TIMESTAMP_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the policy id.
     */
    public long policyId() {
        return buffer.getLong(offset + POLICY_ID_OFFSET, ORDER);
    }

    /**
     * @param value the policy id.
     * @return this.
     */
    public ExperienceRecordFlyweight policyId(final long value) {
        mutableBuffer.putLong(offset + POLICY_ID_OFFSET, value, ORDER);
        return this;
    }

    /**
     * @return the reward, NaN when unknown.
     */
    public float reward() {
        return buffer.getFloat(offset + REWARD_OFFSET, ORDER);
    }

    /**
     * @param value the reward, NaN when unknown.
     * @return this.
     */
    public ExperienceRecordFlyweight reward(final double value) {
        mutableBuffer.putFloat(offset + REWARD_OFFSET, (float) value, ORDER);
        return this;
    }

    /**
     * @return the behaviour policy's log-probability of the recorded action, NaN when it has none (a deterministic
     *         action, the safe command, a marker; {@code docs/formats.md}).
     */
    public float logProbability() {
        return buffer.getFloat(offset + LOG_PROBABILITY_OFFSET, ORDER);
    }

    /**
     * @param value the behaviour policy's log-probability of the recorded action, NaN when it has none.
     * @return this.
     */
    public ExperienceRecordFlyweight logProbability(final double value) {
        mutableBuffer.putFloat(offset + LOG_PROBABILITY_OFFSET, (float) value, ORDER);
        return this;
    }

    /**
     * @param index element index, below n.
     * @return the observation element.
     */
    public float observation(final int index) {
        return buffer.getFloat(offset + HEADER_LENGTH + Float.BYTES * index, ORDER);
    }

    /**
     * @param index element index, below n (set the header first).
     * @param value the value.
     * @return this.
     */
    public ExperienceRecordFlyweight observation(final int index, final double value) {
        mutableBuffer.putFloat(offset + HEADER_LENGTH + Float.BYTES * index, (float) value, ORDER);
        return this;
    }

    /**
     * @param index element index, below a.
     * @return the action element.
     */
    public float action(final int index) {
        return buffer.getFloat(actionOffset() + Float.BYTES * index, ORDER);
    }

    /**
     * @param index element index, below a (set the header first).
     * @param value the value.
     * @return this.
     */
    public ExperienceRecordFlyweight action(final int index, final double value) {
        mutableBuffer.putFloat(actionOffset() + Float.BYTES * index, (float) value, ORDER);
        return this;
    }

    /**
     * @param index element index, below d.
     * @return the adversary action element.
     */
    public float adversary(final int index) {
        return buffer.getFloat(adversaryOffset() + Float.BYTES * index, ORDER);
    }

    /**
     * @param index element index, below d (set the header first).
     * @param value the value.
     * @return this.
     */
    public ExperienceRecordFlyweight adversary(final int index, final double value) {
        mutableBuffer.putFloat(adversaryOffset() + Float.BYTES * index, (float) value, ORDER);
        return this;
    }

    private int actionOffset() {
        return offset + HEADER_LENGTH + Float.BYTES * observationCount();
    }

    private int adversaryOffset() {
        return actionOffset() + Float.BYTES * actionCount();
    }

    /**
     * CRC-32C of the record's first {@code length} bytes, through the intrinsic {@link CRC32C#update(byte[], int, int)}
     * over a byte array or {@link CRC32C#update(ByteBuffer)} over a view of the wrapped {@link ByteBuffer}; the view
     * is made once per wrapped buffer.
     */
    private int computeChecksum(final int length) {
        final CRC32C crc = this.crc;
        crc.reset();
        final int start = buffer.wrapAdjustment() + offset;
        final byte[] array = buffer.byteArray();
        if (array != null) {
            crc.update(array, start, length);
        } else {
            final ByteBuffer view = checksumView(buffer);
            view.limit(start + length).position(start);
            crc.update(view);
        }
        return (int) crc.getValue();
    }

    private ByteBuffer checksumView(final DirectBuffer buffer) {
        if (buffer != checksummedBuffer) {
            final ByteBuffer byteBuffer = buffer.byteBuffer();
            if (byteBuffer == null) {
                throw new IllegalStateException("an experience record's checksum needs a buffer over a byte array "
                    + "or a ByteBuffer; this one wraps a raw address");
            }
            checksumView = byteBuffer.duplicate().clear();
            checksummedBuffer = buffer;
        }
        return checksumView;
    }
}
