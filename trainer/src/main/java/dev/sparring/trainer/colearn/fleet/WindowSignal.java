package dev.sparring.trainer.colearn.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What the robots host of a distributed fleet run tells each supervisor process, on the supervisor's own endpoint
 * (stream {@link #STREAM_ID}): RUN, the run's settings, first; then WINDOW w each time every record of window w of the
 * supervisor's robots is acknowledged by the supervisor's receiver (w = the run's number of windows: the run is over).
 * Little-endian: magic {@code "SPRW"} (4 bytes), kind (4), window (8), text length (4), the text (UTF-8, RUN only).
 */
final class WindowSignal {
    /** The stream of these messages on the supervisor's endpoint. */
    static final int STREAM_ID = 1303;
    /** Kind: the run's settings. */
    static final int RUN = 1;
    /** Kind: a window delivered. */
    static final int WINDOW = 2;
    /** Kind of a message that is not one of these. */
    static final int MALFORMED = -1;
    /** The longest settings text. */
    static final int MAX_TEXT_BYTES = 16 * 1024;

    private static final int MAGIC = 0x57525053;
    private static final int KIND_OFFSET = 4;
    private static final int WINDOW_OFFSET = 8;
    private static final int TEXT_LENGTH_OFFSET = 16;
    private static final int TEXT_OFFSET = 20;

    private WindowSignal() {
    }

    /**
     * @param config the run's settings.
     * @param fleet  its robots.
     * @return the settings both ends of a distributed run must share, as text (no host's paths in it).
     */
    static String settingsOf(final FleetConfig config, final FleetDescription fleet) {
        return String.format(Locale.ROOT, "task %s%ntypes %s%nrobots %d%nsupervisors %d%nwindow %d%nsteps %d%n"
            + "temperature %d%nk %d..%d%nsharing %s%nseed %d%nhidden %s%nweight clip %s%nppo %s%n", fleet.task(),
            fleet.typeNames(), config.robots(), config.supervisors(), config.windowSteps(), config.stepsPerRobot(),
            config.temperature(), config.kMin(), config.kMax(), config.sharing().label(), config.seed(),
            Arrays.toString(config.hiddenSizes()), config.weightClip(), config.ppo());
    }

    /**
     * @return the message's length.
     */
    static int encodeRun(final MutableDirectBuffer buffer, final String settings) {
        final byte[] text = settings.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("the run's settings take " + text.length + " bytes, over "
                + MAX_TEXT_BYTES);
        }
        header(buffer, RUN, -1L, text.length);
        buffer.putBytes(TEXT_OFFSET, text);
        return TEXT_OFFSET + text.length;
    }

    /**
     * @return the message's length.
     */
    static int encodeWindow(final MutableDirectBuffer buffer, final long window) {
        header(buffer, WINDOW, window, 0);
        return TEXT_OFFSET;
    }

    private static void header(final MutableDirectBuffer buffer, final int kind, final long window,
        final int textLength) {
        buffer.putInt(0, MAGIC);
        buffer.putInt(KIND_OFFSET, kind);
        buffer.putLong(WINDOW_OFFSET, window);
        buffer.putInt(TEXT_LENGTH_OFFSET, textLength);
    }

    /**
     * @return the message's kind, {@link #MALFORMED} when it is not a well-formed signal (length, magic, kind, text).
     */
    static int kind(final DirectBuffer buffer, final int offset, final int length) {
        if (length < TEXT_OFFSET || buffer.getInt(offset) != MAGIC) {
            return MALFORMED;
        }
        final int kind = buffer.getInt(offset + KIND_OFFSET);
        final int textLength = buffer.getInt(offset + TEXT_LENGTH_OFFSET);
        if (kind == RUN && textLength >= 0 && textLength <= MAX_TEXT_BYTES && length == TEXT_OFFSET + textLength) {
            return RUN;
        }
        if (kind == WINDOW && textLength == 0 && length == TEXT_OFFSET && buffer.getLong(offset + WINDOW_OFFSET) >= 0) {
            return WINDOW;
        }
        return MALFORMED;
    }

    /**
     * @return a well-formed WINDOW message's window.
     */
    static long window(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + WINDOW_OFFSET);
    }

    /**
     * @return a well-formed RUN message's settings.
     */
    static String settings(final DirectBuffer buffer, final int offset) {
        return buffer.getStringWithoutLengthUtf8(offset + TEXT_OFFSET, buffer.getInt(offset + TEXT_LENGTH_OFFSET));
    }
}
