package dev.sparring.trainer.run;

import dev.sparring.hal.io.FileErrors;
import dev.sparring.trainer.export.ProtoWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * A TensorBoard event file, {@code events.out.tfevents.<seconds>.<host>.<n>}, beside a run's {@code metrics.csv}, so
 * {@code tensorboard --logdir runs/} draws Sparring's curves under the same names as CleanRL's. Each record is
 * TensorFlow's TFRecord framing:
 * <pre>
 *   uint64 length (little-endian) | uint32 masked CRC-32C of the length | data | uint32 masked CRC-32C of the data
 * </pre>
 * with {@code masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. The data is an {@code Event} message: the first
 * holds {@code file_version = "brain.Event:2"}, each later one a {@code wall_time}, a {@code step} and a
 * {@code Summary} of {@code Value{tag, simple_value}}. Records are flushed as written, so a live TensorBoard sees the
 * curve grow. A resumed run opens a new file ({@code n} counts up past the names already there), as TensorBoard
 * expects, starting with a {@code SessionLog START} at the step it resumes from; an old file is never rewritten.
 */
public final class TensorBoardEvents implements AutoCloseable {
    /** The file name's prefix TensorBoard looks for. */
    public static final String PREFIX = "events.out.tfevents.";
    /** The first event's file version. */
    static final String FILE_VERSION = "brain.Event:2";

    // Field numbers of tensorflow/core/util/event.proto and tensorflow/core/framework/summary.proto.
    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int EVENT_SESSION_LOG = 7;
    private static final int SESSION_LOG_STATUS = 1;
    private static final int SESSION_LOG_START = 1;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;
    private static final int CRC_MASK_DELTA = 0xa282ead8;
    private static final int HEADER_BYTES = Long.BYTES + Integer.BYTES;

    private final Path file;
    private final OutputStream out;
    private final Clock clock;

    private TensorBoardEvents(final Path file, final OutputStream out, final Clock clock) {
        this.file = file;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Creates a new event file in a directory and writes its file-version event.
     *
     * @param directory the run's directory.
     * @param clock     the wall clock of the events' {@code wall_time} and the file's name.
     * @param host      the host name in the file's name.
     * @return the writer.
     * @throws IOException naming the file when it cannot be created.
     */
    public static TensorBoardEvents create(final Path directory, final Clock clock, final String host)
        throws IOException {
        final String stem = String.format(Locale.ROOT, "%s%010d.%s.", PREFIX, clock.millis() / 1000, host);
        int n = 0;
        while (Files.exists(directory.resolve(stem + n))) {
            n++;
        }
        final Path file = directory.resolve(stem + n);
        try {
            final TensorBoardEvents events = new TensorBoardEvents(file, Files.newOutputStream(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), clock);
            events.record(new ProtoWriter().float64(EVENT_WALL_TIME, events.wallTimeS())
                .string(EVENT_FILE_VERSION, FILE_VERSION));
            return events;
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    /**
     * @return this machine's name for event files, or {@code localhost} when it has none.
     */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Writes one event with the scalars of one row; a {@code NaN} (a metric not measured) is left out.
     *
     * @param step   the x-axis value (CleanRL's {@code global_step}).
     * @param tags   the metric names, as the CSV header has them.
     * @param values the values, one per tag.
     * @throws IOException naming the file when it cannot be written.
     */
    public void write(final long step, final String[] tags, final double[] values) throws IOException {
        final ProtoWriter summary = new ProtoWriter();
        for (int i = 0; i < tags.length; i++) {
            if (!Double.isNaN(values[i])) {
                summary.message(SUMMARY_VALUE, new ProtoWriter().string(VALUE_TAG, tags[i])
                    .float32(VALUE_SIMPLE_VALUE, (float) values[i]));
            }
        }
        record(new ProtoWriter().float64(EVENT_WALL_TIME, wallTimeS()).varint(EVENT_STEP, step)
            .message(EVENT_SUMMARY, summary));
    }

    /**
     * Marks a resumed run's restart: TensorBoard drops the events of earlier files at and after this step (written
     * after the checkpoint the run resumed from), as TensorFlow's own writers do on a restart.
     *
     * @param step the step the run resumes at.
     * @throws IOException naming the file when it cannot be written.
     */
    public void restart(final long step) throws IOException {
        record(new ProtoWriter().float64(EVENT_WALL_TIME, wallTimeS()).varint(EVENT_STEP, step)
            .message(EVENT_SESSION_LOG, new ProtoWriter().varint(SESSION_LOG_STATUS, SESSION_LOG_START)));
    }

    /**
     * @return the file written.
     */
    public Path file() {
        return file;
    }

    private double wallTimeS() {
        return clock.millis() / 1000.0;
    }

    private void record(final ProtoWriter event) throws IOException {
        final byte[] data = event.toByteArray();
        final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc(header.array(), Long.BYTES));
        final ByteBuffer footer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(maskedCrc(data, data.length));
        try {
            out.write(header.array());
            out.write(data);
            out.write(footer.array());
            out.flush();
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    private static int maskedCrc(final byte[] bytes, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        final int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + CRC_MASK_DELTA;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
