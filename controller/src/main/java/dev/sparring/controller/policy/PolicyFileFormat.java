package dev.sparring.controller.policy;

import java.nio.charset.StandardCharsets;

/**
 * Layout constants of the policy file, versions 1 and 2, shared by {@link PolicyWriter} and {@link PolicyReader}.
 * All numbers are little-endian. Byte-by-byte description: {@code docs/formats.md}. Version 2 adds the Gaussian's
 * per-action {@code log σ} after the action limits; a policy without it is still written as version 1, byte for byte
 * as before, so its id does not change.
 * <pre>
 *  0  8  magic "SPRPOLCY"
 *  8  2  format version (u16) = 1, or 2 with the action log-std
 * 10  2  reserved (u16) = 0
 * 12  4  observation size n (i32)
 * 16  4  layer count L (i32)
 * 20  8L per layer: output size (i32), activation code (i32)
 *    4n  observation mean (f32), 4n observation std (f32), 4 observation clip (f32)
 *    4a  ×4: action scale, action offset, action low, action high (f32; a = last layer's size)
 *    4a  version 2 only: action log-std, log σ of the Gaussian around the network's output (f32)
 *        per layer: weights (f32, row-major out × in), biases (f32, out)
 *     4  metadata entry count (i32); per entry: key length (i32), UTF-8 key, value length (i32), UTF-8 value
 *     4  CRC-32C (u32) of every byte before it
 * </pre>
 */
final class PolicyFileFormat {
    static final byte[] MAGIC = "SPRPOLCY".getBytes(StandardCharsets.US_ASCII);
    /** The version written for a policy with the Gaussian's log-std, and the newest this controller reads. */
    static final int VERSION = 2;
    /** The version written for a deterministic policy (no log-std); still read. */
    static final int VERSION_WITHOUT_STD = 1;
    static final int HEADER_BYTES = 20;
    static final int CHECKSUM_BYTES = 4;
    /** Smallest file that can hold the fixed fields: magic, version, reserved, counts, one layer, checksum. */
    static final int MIN_FILE_BYTES = HEADER_BYTES + 8 + CHECKSUM_BYTES;
    /** Largest file accepted (64 MiB, 16 M weights): a 2×64 policy is about 20 KiB. */
    static final long MAX_FILE_BYTES = 1L << 26;
    /** Largest metadata key or value (bytes). */
    static final int MAX_TEXT_BYTES = 1 << 16;
    /** Largest number of metadata entries. */
    static final int MAX_METADATA_ENTRIES = 1024;

    private PolicyFileFormat() {
    }
}
