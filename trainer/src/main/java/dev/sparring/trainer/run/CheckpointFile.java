package dev.sparring.trainer.run;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.BoundedFiles;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The checkpoint file: little-endian, {@code "SPRCKPT1"} magic, u16 version, u16 reserved, u32 entry count, then per
 * entry a u16 name length and UTF-8 name, a u8 type (1 doubles, 2 longs, 3 UTF-8 string), a u32 element count (bytes
 * for a string) and the data; last a u32 CRC-32C of everything before it. Written with {@link AtomicFiles}, so an
 * interrupted save leaves the previous checkpoint intact.
 */
public final class CheckpointFile {
    /** Largest checkpoint read (1 GiB): a run of 64-64 networks saves about 1 MiB. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Longest entry name, in bytes. */
    public static final int MAX_NAME_BYTES = 256;
    private static final byte[] MAGIC = "SPRCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final byte DOUBLES = 1;
    private static final byte LONGS = 2;
    private static final byte STRING = 3;

    private CheckpointFile() {
    }

    /**
     * @param file       where to write (its directory must exist).
     * @param checkpoint what to write.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path file, final Checkpoint checkpoint) throws IOException {
        AtomicFiles.write(file, toBytes(checkpoint));
    }

    /**
     * @param file a checkpoint file.
     * @return its checkpoint.
     * @throws CheckpointException when the file is missing, corrupt, truncated or of another version.
     * @throws IOException         when it cannot be read.
     */
    public static Checkpoint read(final Path file) throws IOException {
        try {
            return fromBytes(file.toString(), BoundedFiles.readBytes(file, MAX_FILE_BYTES, "checkpoint"));
        } catch (final NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        }
    }

    static byte[] toBytes(final Checkpoint checkpoint) {
        int size = MAGIC.length + 8 + 4;
        for (final String name : checkpoint.names()) {
            size += 2 + utf8(name).length + 1 + 4 + payloadBytes(checkpoint.raw(name));
        }
        final ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(checkpoint.names().size());
        for (final String name : checkpoint.names()) {
            final byte[] nameBytes = utf8(name);
            out.putShort((short) nameBytes.length).put(nameBytes);
            switch (checkpoint.raw(name)) {
                case double[] values -> {
                    out.put(DOUBLES).putInt(values.length);
                    for (final double v : values) {
                        out.putDouble(v);
                    }
                }
                case long[] values -> {
                    out.put(LONGS).putInt(values.length);
                    for (final long v : values) {
                        out.putLong(v);
                    }
                }
                case String text -> {
                    final byte[] textBytes = utf8(text);
                    out.put(STRING).putInt(textBytes.length).put(textBytes);
                }
                default -> throw new IllegalStateException("unreachable entry type for '" + name + "'");
            }
        }
        final CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    static Checkpoint fromBytes(final String source, final byte[] bytes) {
        final String what = "checkpoint " + source;
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointException(what + " is not a Sparring checkpoint (no \"SPRCKPT1\" magic)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        final int version = Short.toUnsignedInt(in.getShort());
        if (version != VERSION) {
            throw new CheckpointException(what + " has format version " + version + ", this trainer reads "
                + VERSION);
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        final int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CheckpointException(what + " is corrupt or truncated (checksum mismatch); use an earlier "
                + "checkpoint or start the run again");
        }
        in.getShort();
        final Checkpoint checkpoint = new Checkpoint(what);
        try {
            final int count = in.getInt();
            for (int i = 0; i < count; i++) {
                final byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                final String entry = new String(name, StandardCharsets.UTF_8);
                final byte type = in.get();
                final int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new CheckpointException(what + ": entry '" + entry + "' claims " + length
                        + " elements, more than the file holds");
                }
                checkpoint.put(entry, switch (type) {
                    case DOUBLES -> {
                        final double[] values = new double[length];
                        in.asDoubleBuffer().get(values);
                        in.position(in.position() + length * Double.BYTES);
                        yield values;
                    }
                    case LONGS -> {
                        final long[] values = new long[length];
                        in.asLongBuffer().get(values);
                        in.position(in.position() + length * Long.BYTES);
                        yield values;
                    }
                    case STRING -> {
                        final byte[] text = new byte[length];
                        in.get(text);
                        yield new String(text, StandardCharsets.UTF_8);
                    }
                    default -> throw new CheckpointException(what + ": entry '" + entry + "' has unknown type "
                        + type);
                });
            }
        } catch (final BufferUnderflowException | IllegalArgumentException e) {
            throw new CheckpointException(what + " is malformed: " + e.getMessage());
        }
        if (in.remaining() != 4) {
            throw new CheckpointException(what + " has " + (in.remaining() - 4) + " unexpected bytes after its "
                + "entries");
        }
        return checkpoint;
    }

    private static int payloadBytes(final Object value) {
        return switch (value) {
            case double[] values -> values.length * Double.BYTES;
            case long[] values -> values.length * Long.BYTES;
            case String text -> utf8(text).length;
            default -> throw new IllegalStateException("unreachable entry type");
        };
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
