package dev.sparring.controller.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and validates a policy file ({@link PolicyFileFormat}). Checks, in order: size, magic, version, structure
 * (every field within the file, or "truncated" naming the field and offset), checksum, then the values themselves
 * (finite weights, positive std, consistent limits). Each failure is a {@link PolicyFormatException} naming the file.
 */
public final class PolicyReader {
    private final String source;
    private final ByteBuffer buffer;

    private PolicyReader(final String source, final byte[] bytes) {
        this.source = source;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param file a policy file.
     * @return the validated policy.
     * @throws PolicyFormatException when the file is not a valid policy.
     * @throws IOException           when it cannot be read.
     */
    public static PolicyModel read(final Path file) throws IOException {
        try {
            final long size = Files.size(file);
            if (size > PolicyFileFormat.MAX_FILE_BYTES) {
                throw new PolicyFormatException("policy file " + file + " is " + size + " bytes, more than the "
                    + PolicyFileFormat.MAX_FILE_BYTES + " a policy may take: is it a policy file?");
            }
            return read(file.toString(), Files.readAllBytes(file));
        } catch (final NoSuchFileException e) {
            throw new PolicyFormatException("policy file " + file + " does not exist");
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
        require(PolicyFileFormat.MAGIC.length, "the magic number");
        final byte[] magic = new byte[PolicyFileFormat.MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, PolicyFileFormat.MAGIC)) {
            throw fail("does not start with the policy magic \"SPRPOLCY\" (found " + printable(magic)
                + "): it is not a Sparring policy file");
        }
        require(4, "the format version");
        final int version = Short.toUnsignedInt(buffer.getShort());
        buffer.getShort();
        if (version != PolicyFileFormat.VERSION) {
            throw fail("has format version " + version + ", but this controller reads version "
                + PolicyFileFormat.VERSION + "; export the policy again with a matching trainer");
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
                    + " (known: 0 identity, 1 tanh, 2 relu, 3 elu)");
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
        verifyChecksum();
        try {
            return new PolicyModel(observationSize, layerSizes, activations, weights, biases, mean, std, clip, scale,
                offset, low, high, metadata);
        } catch (final IllegalArgumentException e) {
            throw fail("holds an invalid policy: " + e.getMessage());
        }
    }

    private void verifyChecksum() throws PolicyFormatException {
        final int end = buffer.position();
        require(PolicyFileFormat.CHECKSUM_BYTES, "the CRC-32C checksum");
        final int stored = buffer.getInt();
        if (buffer.hasRemaining()) {
            throw fail("has " + buffer.remaining() + " unexpected bytes after the checksum at byte "
                + buffer.position() + ": the file was appended to or is not one policy");
        }
        final CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, end);
        if ((int) crc.getValue() != stored) {
            throw fail(String.format("fails its checksum: stored CRC-32C %08x, computed %08x over bytes 0..%d; "
                + "the file is corrupted: copy or export it again", stored, (int) crc.getValue(), end));
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
