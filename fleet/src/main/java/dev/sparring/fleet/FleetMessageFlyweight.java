package dev.sparring.fleet;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * View over one fleet message in a buffer (an Aeron fragment, a staging buffer): no copies, no allocation. Every
 * message starts with the same 24-byte header, then the robot's name (padded to 8 bytes), then the payload: the
 * experience record's bytes for {@link #RECORD}, the reply channel for {@link #HELLO}, the nonce for
 * {@link #CHALLENGE}, the signature for {@link #PROOF}, a chunk's offset and bytes for {@link #POLICY}, nothing for
 * {@link #ACK}, {@link #REWIND} and {@link #POLICY_ACK}. Little-endian; documented in {@code docs/fleet.md}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+---------------+---------------+
 *  |     type      |    version    |  name length  |   reserved    |  0
 *  +---------------+---------------+---------------+---------------+
 *  |  int field: RECORD payload length, HELLO reply stream id,     |  4
 *  |  CHALLENGE session challenged, POLICY chunk length            |
 *  +---------------------------------------------------------------+
 *  |  index: RECORD previous index, HELLO first index,             |  8
 *  |         ACK persisted index, REWIND resume-after index,       |
 *  |         POLICY and POLICY_ACK policy sequence                 |
 *  +---------------------------------------------------------------+
 *  |  second index: RECORD source index; HELLO reply channel       | 16
 *  |                length; POLICY policy length (high 32 bits)    |
 *  |                and signature length (low 32 bits); else 0     |
 *  +---------------------------------------------------------------+
 *  |  robot name, ASCII, name length bytes, zero-padded to 8       | 24
 *  +---------------------------------------------------------------+
 *  |  payload: the record's bytes (RECORD), the reply channel      | 24 + pad8(name length)
 *  |  in ASCII (HELLO), 32-byte nonce (CHALLENGE), 64-byte         |
 *  |  signature (PROOF), 8-byte chunk offset + chunk (POLICY)      |
 *  +---------------------------------------------------------------+
 * </pre>
 * Indices are the robot's Chronicle excerpt indices; {@link #NULL_INDEX} means "none" (no record persisted yet, a
 * log with no records).
 */
public final class FleetMessageFlyweight {
    /** Shipper to receiver: who the robot is, where to reply, the first index it has. */
    public static final int HELLO = 1;
    /** Shipper to receiver: one experience record and its place in the robot's log. */
    public static final int RECORD = 2;
    /** Receiver to shipper: every record up to this index is persisted (synced) on the trainer host. */
    public static final int ACK = 3;
    /** Receiver to shipper: ship again from the record after this index. */
    public static final int REWIND = 4;
    /** Receiver to shipper: prove you hold the robot's key, signing this nonce for this session. */
    public static final int CHALLENGE = 5;
    /** Shipper to receiver: the robot key's signature over {@link FleetProof#message}. */
    public static final int PROOF = 6;
    /** Receiver to shipper: one chunk of a policy and its detached signature. */
    public static final int POLICY = 7;
    /** Shipper to receiver: the policy of this sequence arrived whole. */
    public static final int POLICY_ACK = 8;
    /** The protocol version this code writes and reads. */
    public static final int PROTOCOL_VERSION = 2;
    /** Bytes of a CHALLENGE's nonce. */
    public static final int NONCE_LENGTH = 32;
    /** Bytes of a PROOF's signature (Ed25519). */
    public static final int PROOF_LENGTH = 64;
    /** Bytes before a POLICY chunk's bytes in its payload: the chunk's offset in the policy and signature. */
    public static final int CHUNK_HEADER_LENGTH = 8;
    /** The most bytes of a policy and its signature a POLICY message carries (fits the smallest Aeron term). */
    public static final int MAX_CHUNK_LENGTH = 4096;
    /** "No index": nothing persisted yet, or a log with no records. */
    public static final long NULL_INDEX = -1;
    /** Bytes before the name. */
    public static final int HEADER_LENGTH = 24;

    static final int TYPE_OFFSET = 0;
    static final int VERSION_OFFSET = 1;
    static final int NAME_LENGTH_OFFSET = 2;
    static final int INT_FIELD_OFFSET = 4;
    static final int INDEX_OFFSET = 8;
    static final int SECOND_INDEX_OFFSET = 16;
    static final int NAME_OFFSET = HEADER_LENGTH;

    private MutableDirectBuffer mutable;
    private DirectBuffer buffer;
    private int offset;

    /**
     * Wraps a message for reading.
     *
     * @param buffer the message's buffer.
     * @param offset its first byte.
     * @return this.
     */
    public FleetMessageFlyweight wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutable = null;
        this.offset = offset;
        return this;
    }

    /**
     * Wraps a buffer for writing a message.
     *
     * @param buffer the buffer.
     * @param offset the message's first byte.
     * @return this.
     */
    public FleetMessageFlyweight wrap(final MutableDirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.mutable = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes the header and the name; the fields are zero until set.
     *
     * @param type one of the message types ({@link #HELLO} ... {@link #POLICY_ACK}).
     * @param name the robot's name, ASCII (see {@link RobotName}).
     * @return this.
     */
    public FleetMessageFlyweight header(final int type, final byte[] name) {
        mutable.putByte(offset + TYPE_OFFSET, (byte) type);
        mutable.putByte(offset + VERSION_OFFSET, (byte) PROTOCOL_VERSION);
        mutable.putByte(offset + NAME_LENGTH_OFFSET, (byte) name.length);
        mutable.putByte(offset + NAME_LENGTH_OFFSET + 1, (byte) 0);
        mutable.putInt(offset + INT_FIELD_OFFSET, 0);
        mutable.putLong(offset + INDEX_OFFSET, 0);
        mutable.putLong(offset + SECOND_INDEX_OFFSET, 0);
        mutable.putBytes(offset + NAME_OFFSET, name);
        final int padded = BitUtil.align(name.length, Long.BYTES);
        for (int i = name.length; i < padded; i++) {
            mutable.putByte(offset + NAME_OFFSET + i, (byte) 0);
        }
        return this;
    }

    /**
     * @param nameLength the robot name's length.
     * @return bytes before the payload.
     */
    public static int payloadOffset(final int nameLength) {
        return NAME_OFFSET + BitUtil.align(nameLength, Long.BYTES);
    }

    /**
     * @return the message type (unchecked).
     */
    public int type() {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    /**
     * @return the sender's protocol version.
     */
    public int version() {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /**
     * @return the name's length in bytes.
     */
    public int nameLength() {
        return buffer.getByte(offset + NAME_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * @return where the name's bytes start in the buffer.
     */
    public int nameOffset() {
        return offset + NAME_OFFSET;
    }

    /**
     * @return where the payload starts in the buffer.
     */
    public int payloadOffset() {
        return offset + payloadOffset(nameLength());
    }

    /**
     * @return the buffer wrapped.
     */
    public DirectBuffer buffer() {
        return buffer;
    }

    /**
     * @return RECORD: the record's length; HELLO: the reply stream id.
     */
    public int intField() {
        return buffer.getInt(offset + INT_FIELD_OFFSET);
    }

    /**
     * @param value RECORD: the record's length; HELLO: the reply stream id.
     * @return this.
     */
    public FleetMessageFlyweight intField(final int value) {
        mutable.putInt(offset + INT_FIELD_OFFSET, value);
        return this;
    }

    /**
     * @return RECORD: the index of the record shipped before it ({@link #NULL_INDEX} for the log's first); HELLO: the
     * first index the shipper has; ACK: the persisted index; REWIND: the index to resume after.
     */
    public long index() {
        return buffer.getLong(offset + INDEX_OFFSET);
    }

    /**
     * @param value see {@link #index()}.
     * @return this.
     */
    public FleetMessageFlyweight index(final long value) {
        mutable.putLong(offset + INDEX_OFFSET, value);
        return this;
    }

    /**
     * @return RECORD: the record's own index in the robot's log; HELLO: the reply channel's length.
     */
    public long secondIndex() {
        return buffer.getLong(offset + SECOND_INDEX_OFFSET);
    }

    /**
     * @param value see {@link #secondIndex()}.
     * @return this.
     */
    public FleetMessageFlyweight secondIndex(final long value) {
        mutable.putLong(offset + SECOND_INDEX_OFFSET, value);
        return this;
    }

    /**
     * Checks a received message's framing before any field is trusted: the length covers the header, the name and
     * the payload its fields announce, the type and version are known, and the name is a valid robot name.
     *
     * @param length the message's length as received.
     * @return null when well formed, else what is wrong (allocates only then).
     */
    public String problem(final int length) {
        if (length < HEADER_LENGTH) {
            return "a " + length + "-byte message, shorter than the " + HEADER_LENGTH + "-byte header";
        }
        final int type = type();
        if (type < HELLO || type > POLICY_ACK) {
            return "unknown message type " + type;
        }
        if (version() != PROTOCOL_VERSION) {
            return "protocol version " + version() + "; this end speaks version " + PROTOCOL_VERSION
                + ": run the same sparring version on the robots and the trainer host";
        }
        final int nameLength = nameLength();
        if (nameLength == 0 || nameLength > RobotName.MAX_LENGTH) {
            return "a robot name of " + nameLength + " bytes (1 to " + RobotName.MAX_LENGTH + " allowed)";
        }
        if (!RobotName.isValid(buffer, nameOffset(), nameLength)) {
            return "a robot name with characters other than letters, digits, '.', '_' and '-'";
        }
        final long payload = switch (type) {
            case RECORD -> intField();
            case HELLO -> secondIndex();
            case CHALLENGE -> NONCE_LENGTH;
            case PROOF -> PROOF_LENGTH;
            case POLICY -> intField() < 0 || intField() > MAX_CHUNK_LENGTH ? -1 : CHUNK_HEADER_LENGTH + intField();
            default -> 0;
        };
        final long expected = payloadOffset(nameLength) + payload;
        if (payload < 0 || expected != length) {
            return "a " + length + "-byte message whose header announces " + payload + " payload bytes after a "
                + nameLength + "-byte name";
        }
        return null;
    }
}
