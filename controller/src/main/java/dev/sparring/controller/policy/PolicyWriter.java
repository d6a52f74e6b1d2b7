package dev.sparring.controller.policy;

import dev.sparring.hal.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a {@link PolicyModel} as a policy file ({@link PolicyFileFormat}). Writing to a path goes through a
 * temporary file and an atomic rename, so a reader never sees half a policy.
 */
public final class PolicyWriter {
    private PolicyWriter() {
    }

    /**
     * @param model the policy.
     * @return the file's bytes.
     */
    public static byte[] toBytes(final PolicyModel model) {
        final ByteBuffer buffer = ByteBuffer.allocate(sizeOf(model)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(PolicyFileFormat.MAGIC);
        buffer.putShort((short) (model.hasActionStd() ? PolicyFileFormat.VERSION
            : PolicyFileFormat.VERSION_WITHOUT_STD));
        buffer.putShort((short) 0);
        buffer.putInt(model.observationSize());
        buffer.putInt(model.layerCount());
        for (int layer = 0; layer < model.layerCount(); layer++) {
            buffer.putInt(model.layerSize(layer));
            buffer.putInt(model.activation(layer).code());
        }
        putAll(buffer, model.observationMean());
        putAll(buffer, model.observationStd());
        buffer.putFloat(model.observationClip());
        putAll(buffer, model.actionScale());
        putAll(buffer, model.actionOffset());
        putAll(buffer, model.actionLow());
        putAll(buffer, model.actionHigh());
        if (model.hasActionStd()) {
            putAll(buffer, model.actionLogStd());
        }
        for (int layer = 0; layer < model.layerCount(); layer++) {
            putAll(buffer, model.weights(layer));
            putAll(buffer, model.biases(layer));
        }
        buffer.putInt(model.metadata().size());
        for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
            putText(buffer, entry.getKey());
            putText(buffer, entry.getValue());
        }
        final CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * The policy's id, as experience records carry it: the first 8 bytes of the SHA-256 of {@link #toBytes} (the
     * file's bytes, for any file this class wrote), read as a big-endian 64-bit integer. Two policies that differ in
     * any weight, limit or metadata entry get different ids (with the odds of a 64-bit collision).
     *
     * @param model the policy.
     * @return its id; shown as 16 hexadecimal digits by {@code policy inspect} and {@code log inspect}.
     */
    public static long id(final PolicyModel model) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBytes(model));
            return ByteBuffer.wrap(digest).order(ByteOrder.BIG_ENDIAN).getLong();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    /**
     * Writes atomically ({@link AtomicFiles#write}): to a temporary file in the target's directory, forced to disk,
     * then moved over the target with {@code ATOMIC_MOVE}, so a controller loading the file between episodes reads
     * either the old policy or the new one, never a mix.
     *
     * @param model the policy.
     * @param file  the destination.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final PolicyModel model, final Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    private static int sizeOf(final PolicyModel model) {
        long size = PolicyFileFormat.HEADER_BYTES + 8L * model.layerCount();
        size += 4L * (2L * model.observationSize() + 1) + (model.hasActionStd() ? 20L : 16L) * model.actionSize();
        for (int layer = 0; layer < model.layerCount(); layer++) {
            size += 4L * model.layerSize(layer) * (model.layerInputSize(layer) + 1L);
        }
        size += 4;
        for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
            size += 8L + utf8(entry.getKey()).length + utf8(entry.getValue()).length;
        }
        size += PolicyFileFormat.CHECKSUM_BYTES;
        if (size > PolicyFileFormat.MAX_FILE_BYTES) {
            throw new IllegalArgumentException("policy would take " + size + " bytes, more than the "
                + PolicyFileFormat.MAX_FILE_BYTES + " a policy file may hold");
        }
        return (int) size;
    }

    private static void putAll(final ByteBuffer buffer, final float[] values) {
        for (int i = 0; i < values.length; i++) {
            buffer.putFloat(values[i]);
        }
    }

    private static void putText(final ByteBuffer buffer, final String text) {
        final byte[] bytes = utf8(text);
        buffer.putInt(bytes.length);
        buffer.put(bytes);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
