package dev.sparring.controller.policy;

import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and validates a policy file ({@link PolicyFileFormat}). Checks, in order: magic, size (counted while
 * reading), checksum, version, structure (every field within the file, or "truncated" naming the field and offset,
 * and nothing between the last field and the checksum), then the values themselves (finite weights, positive std,
 * consistent limits). Each failure is a {@link PolicyFormatException} naming the file.
 */
public final class PolicyReader {
    private final String source;
    private final ByteBuffer buffer;

    private PolicyReader(final String source, final byte[] bytes) {
        this.source = source;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads at most {@link PolicyFileFormat#MAX_FILE_BYTES}, counted while reading, and stops after the first eight
     * bytes when they are not the magic, so a device or a large foreign file is refused at once.
     *
     * @param file a policy file.
     * @return the validated policy.
     * @throws PolicyFormatException when the file is missing or is not a valid policy.
     * @throws IOException           naming the file when it cannot be read or is larger than a policy may be.
     */
    public static PolicyModel read(final Path file) throws IOException {
        return read(file.toString(), bytes(file));
    }

    /**
     * Reads a policy file's bytes as {@link #read(Path)} does, without parsing them: for a signature check over the
     * exact bytes that are then parsed ({@link #read(String, byte[])}), so the file cannot change in between.
     *
     * @param file a policy file.
     * @return its bytes, or only its first eight when they are not the policy magic (parsing them then fails).
     * @throws PolicyFormatException when the file is missing.
     * @throws IOException           naming the file when it cannot be read or is larger than a policy may be.
     */
    public static byte[] bytes(final Path file) throws IOException {
        try (InputStream in = BoundedFiles.open(file, PolicyFileFormat.MAX_FILE_BYTES, "policy file")) {
            final byte[] head = in.readNBytes(PolicyFileFormat.MAGIC.length);
            if (!Arrays.equals(head, 0, head.length, PolicyFileFormat.MAGIC, 0, head.length)) {
                return head;
            }
            final byte[] rest = in.readAllBytes();
            final byte[] bytes = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, bytes, head.length, rest.length);
            return bytes;
        } catch (final NoSuchFileException e) {
            throw new PolicyFormatException("policy file " + file + " does not exist");
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    /**
     * @param source a name for messages (the file name).
     * @param bytes  the file's content.
     * @return the validated policy.
     * @throws PolicyFormatException when the bytes are not a valid policy.
     */
    public static PolicyModel read(final String source, final byte[] bytes) throws PolicyFormatException {
        return new PolicyReader(source, bytes).parse();
    }

    private PolicyModel parse() throws PolicyFormatException {
        final byte[] magic = Arrays.copyOf(buffer.array(), Math.min(PolicyFileFormat.MAGIC.length,
            buffer.capacity()));
        if (!Arrays.equals(magic, 0, magic.length, PolicyFileFormat.MAGIC, 0, magic.length)) {
            throw fail("does not start with the policy magic \"SPRPOLCY\" (found " + printable(magic)
                + "): it is not a Sparring policy file");
        }
        if (buffer.capacity() < PolicyFileFormat.MIN_FILE_BYTES) {
            throw fail("is truncated: it has " + buffer.capacity() + " bytes, a policy file at least "
                + PolicyFileFormat.MIN_FILE_BYTES + "; copy or export it again");
        }
        buffer.position(PolicyFileFormat.MAGIC.length);
        final int version = Short.toUnsignedInt(buffer.getShort());
        buffer.getShort();
        verifyChecksum(version);
        if (version != PolicyFileFormat.VERSION && version != PolicyFileFormat.VERSION_WITHOUT_STD) {
            throw fail("has format version " + version + ", but this controller reads versions "
                + PolicyFileFormat.VERSION_WITHOUT_STD + " and " + PolicyFileFormat.VERSION
                + "; export the policy again with a matching trainer");
        }
        final int observationSize = readCount("observation size", PolicyModel.MAX_WIDTH);
        final int layerCount = readCount("layer count", PolicyModel.MAX_LAYERS);
        final int[] layerSizes = new int[layerCount];
        final Activation[] activations = new Activation[layerCount];
        for (int layer = 0; layer < layerCount; layer++) {
            layerSizes[layer] = readCount("layer " + layer + " size", PolicyModel.MAX_WIDTH);
            require(4, "layer " + layer + " activation");
            final int offset = buffer.position();
            final int code = buffer.getInt();
            activations[layer] = Activation.ofCode(code);
            if (activations[layer] == null) {
                throw fail("has unknown activation code " + code + " for layer " + layer + " at byte " + offset
                    + " (known: 0 identity, 1 tanh, 2 relu, 3 elu, 4 sigmoid)");
            }
        }
        final int actionSize = layerSizes[layerCount - 1];
        final float[] mean = floats(observationSize, "observation mean");
        final float[] std = floats(observationSize, "observation std");
        final float clip = floats(1, "observation clip")[0];
        final float[] scale = floats(actionSize, "action scale");
        final float[] offset = floats(actionSize, "action offset");
        final float[] low = floats(actionSize, "action low");
        final float[] high = floats(actionSize, "action high");
        final float[] logStd = version == PolicyFileFormat.VERSION ? floats(actionSize, "action log-std") : null;
        final float[][] weights = new float[layerCount][];
        final float[][] biases = new float[layerCount][];
        int inputs = observationSize;
        for (int layer = 0; layer < layerCount; layer++) {
            weights[layer] = floats((long) layerSizes[layer] * inputs, "layer " + layer + " weights");
            biases[layer] = floats(layerSizes[layer], "layer " + layer + " biases");
            inputs = layerSizes[layer];
        }
        final Map<String, String> metadata = new LinkedHashMap<>();
        final int entries = readCount("metadata entry count", PolicyFileFormat.MAX_METADATA_ENTRIES, 0);
        for (int i = 0; i < entries; i++) {
            metadata.put(text("metadata key " + i), text("metadata value " + i));
        }
        requireEndAtChecksum();
        try {
            return new PolicyModel(observationSize, layerSizes, activations, weights, biases, mean, std, clip, scale,
                offset, low, high, logStd, metadata);
        } catch (final IllegalArgumentException e) {
            throw fail("holds an invalid policy: " + e.getMessage());
        }
    }

    /**
     * Checks the CRC before anything else is trusted, so a flipped bit anywhere (a count in the header, a length in
     * the metadata) is reported as corruption, not as whatever structure the changed bytes happen to describe.
     */
    private void verifyChecksum(final int version) throws PolicyFormatException {
        final int end = buffer.capacity() - PolicyFileFormat.CHECKSUM_BYTES;
        final int stored = buffer.getInt(end);
        final CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, end);
        if ((int) crc.getValue() != stored) {
            throw fail(String.format("fails its checksum: stored CRC-32C %08x (its last 4 bytes), computed %08x over "
                + "bytes 0..%d%s; the file is corrupted, truncated or appended to: copy or export it again", stored,
                (int) crc.getValue(), end, version == PolicyFileFormat.VERSION
                    || version == PolicyFileFormat.VERSION_WITHOUT_STD ? ""
                    : " (its format version reads " + version + ", this controller reads "
                        + PolicyFileFormat.VERSION_WITHOUT_STD + " and " + PolicyFileFormat.VERSION + ")"));
        }
        buffer.limit(end);
    }

    private void requireEndAtChecksum() throws PolicyFormatException {
        if (buffer.hasRemaining()) {
            throw fail("has " + buffer.remaining() + " unexpected bytes between its last field (ending at byte "
                + buffer.position() + ") and its checksum: it was written by a faulty writer");
        }
    }
    private int readCount(final String field, final int max) throws PolicyFormatException {
        return readCount(field, max, 1);
    }

    private int readCount(final String field, final int max, final int min) throws PolicyFormatException {
        require(4, field);
        final int offset = buffer.position();
        final int value = buffer.getInt();
        if (value < min || value > max) {
            throw fail("has " + field + " " + value + " at byte " + offset + ", outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private float[] floats(final long count, final String field) throws PolicyFormatException {
        require(4 * count, field);
        final float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    private String text(final String field) throws PolicyFormatException {
        final int length = readCount(field + " length", PolicyFileFormat.MAX_TEXT_BYTES, 0);
        require(length, field);
        final byte[] bytes = new byte[length];
        buffer.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            throw fail("has a " + field + " that is not valid UTF-8 at byte " + (buffer.position() - length));
        }
    }

    private void require(final long bytes, final String field) throws PolicyFormatException {
        if (buffer.remaining() < bytes) {
            throw fail("is truncated: " + field + " needs " + bytes + " bytes at byte " + buffer.position()
                + " but the file has " + buffer.capacity() + " bytes in all; copy or export it again");
        }
    }

    private PolicyFormatException fail(final String problem) {
        return new PolicyFormatException("policy file " + source + " " + problem);
    }

    private static String printable(final byte[] bytes) {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes) {
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return '"' + text.toString() + '"';
    }
}
