package dev.sparring.controller.log;

import java.nio.file.Path;

/**
 * One place where an experience log could not be read as written: which cycle file, where in it, and how much was
 * skipped. {@link ExperienceLogReader} finds them; {@code log inspect}, {@code log export} and {@code run --log} report
 * them in these words.
 *
 * @param file           the cycle file.
 * @param position       byte offset in the file where the unreadable part starts.
 * @param bytesSkipped   bytes passed over (0 when the damage is a count, not a region).
 * @param recordsSkipped records lost here; {@link #UNKNOWN} when the file does not say.
 * @param what           what is wrong and what the reader did, in words.
 */
public record LogDamage(Path file, long position, long bytesSkipped, long recordsSkipped, String what) {
    /** A count the file does not allow to know. */
    public static final long UNKNOWN = -1;

    /**
     * @return one line: file, byte position (decimal and hex), what, and how much was skipped.
     */
    @Override
    public String toString() {
        return file + " at byte " + position + " (0x" + Long.toHexString(position) + "): " + what
            + (bytesSkipped > 0 ? "; " + bytesSkipped + " bytes skipped" : "")
            + (recordsSkipped == 1 ? "; 1 record lost" : recordsSkipped > 1 ? "; " + recordsSkipped + " records lost"
            : "");
    }
}
