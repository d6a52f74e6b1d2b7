package dev.sparring.trainer.run;

import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.hal.io.FileErrors;
import dev.sparring.trainer.algo.IterationMetrics;
import dev.sparring.trainer.eval.LearningCurves;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The run's {@code metrics.csv}: one row per RARL iteration with fixed metric names (CleanRL's where they exist), the
 * adversary's columns empty for the baseline, every number as {@link CsvNumbers} writes it. Rows are flushed as
 * written, so a crashed run keeps its curve; on resume the rows after the checkpoint's iteration are dropped, so the
 * file is the one an uninterrupted run writes.
 */
public final class MetricsCsv implements AutoCloseable {
    /** The header line. */
    public static final String HEADER = "iteration,global_step,charts/episodic_return,losses/policy_loss,"
        + "losses/value_loss,losses/entropy,losses/approx_kl,losses/clipfrac,losses/explained_variance,"
        + "losses/line_search_steps,charts/SPS,time/collect_s,time/update_s,adversary/global_step,"
        + "adversary/episodic_return,adversary/approx_kl,adversary/policy_loss";
    /** The column of the protagonist's steps. */
    public static final String STEP_COLUMN = "global_step";
    /** The column of the protagonist's mean return over its last 10 episodes. */
    public static final String RETURN_COLUMN = "charts/episodic_return";
    /** The first column after the iteration and the step: the metrics TensorBoard draws over the step. */
    private static final int FIRST_SCALAR = 2;
    private static final String[] SCALAR_TAGS = Arrays.copyOfRange(HEADER.split(","), FIRST_SCALAR,
        HEADER.split(",").length);

    private final Path file;
    private final BufferedWriter writer;

    private MetricsCsv(final Path file, final BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens the file for a new run (replacing it) or a resumed one (keeping rows up to {@code lastIteration}, which
     * must all be there: a resumed run whose rows were lost would leave a gap in its learning curve).
     *
     * @param file          the CSV file.
     * @param lastIteration the checkpoint's iteration, or -1 for a new run.
     * @return the writer.
     * @throws IOException naming the file when it cannot be read or written, or lacks rows the checkpoint has.
     */
    public static MetricsCsv open(final Path file, final long lastIteration) throws IOException {
        final List<String> keep = new ArrayList<>();
        keep.add(HEADER);
        if (lastIteration > 0) {
            final List<String> rows = rows(file);
            for (int i = 0; i < lastIteration; i++) {
                if (i >= rows.size() || !rows.get(i).startsWith((i + 1) + ",")) {
                    throw new FileSystemException(file.toString(), null, "holds the rows of iterations 1.." + i
                        + ", but the checkpoint is at iteration " + lastIteration + ": rows were lost (a truncated "
                        + "or edited file); restore it, or delete the seed's directory to train it again");
                }
                keep.add(rows.get(i));
            }
        }
        try {
            Files.write(file, keep, StandardCharsets.UTF_8);
            return new MetricsCsv(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND));
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    /**
     * @param file a metrics file.
     * @return its rows after the header, each with the header's number of cells; empty when the file is missing.
     * @throws IOException naming the file when it cannot be read, is not a metrics file or has a malformed row.
     */
    static List<String> rows(final Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        final String[] lines = BoundedFiles.readUtf8(file, LearningCurves.MAX_FILE_BYTES, "metrics file")
            .split("\n");
        if (!lines[0].equals(HEADER)) {
            throw new FileSystemException(file.toString(), null, "does not start with the metrics header; it is "
                + "not a metrics.csv written by this trainer");
        }
        final int cells = HEADER.split(",").length;
        final List<String> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].split(",", -1).length != cells) {
                throw new FileSystemException(file.toString(), null, "line " + (i + 1) + " has "
                    + lines[i].split(",", -1).length + " cells, the header " + cells + " (a cut or edited row)");
            }
            rows.add(lines[i]);
        }
        return rows;
    }

    /**
     * Appends one iteration's row, and the same values to the run's TensorBoard events when given.
     *
     * @param iteration   the RARL iteration, from 1.
     * @param protagonist the protagonist's last update's metrics.
     * @param adversary   the adversary's, or {@code null} for the baseline.
     * @param events      the run's event file, or {@code null}.
     * @throws IOException when the row cannot be written.
     */
    public void append(final long iteration, final IterationMetrics protagonist, final IterationMetrics adversary,
        final TensorBoardEvents events) throws IOException {
        final double[] values = {iteration, protagonist.totalSteps(), protagonist.meanEpisodicReturn(),
            protagonist.policyLoss(), protagonist.valueLoss(), protagonist.entropy(), protagonist.approxKl(),
            protagonist.clipFraction(), protagonist.explainedVariance(),
            protagonist.lineSearchSteps() < 0 ? Double.NaN : protagonist.lineSearchSteps(),
            protagonist.stepsPerSecond(), protagonist.collectSeconds(), protagonist.updateSeconds(),
            adversary == null ? Double.NaN : adversary.totalSteps(),
            adversary == null ? Double.NaN : adversary.meanEpisodicReturn(),
            adversary == null ? Double.NaN : adversary.approxKl(),
            adversary == null ? Double.NaN : adversary.policyLoss()};
        final StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            row.append(i == 0 ? "" : ",").append(CsvNumbers.format(values[i]));
        }
        try {
            writer.write(row.toString());
            writer.newLine();
            writer.flush();
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
        if (events != null) {
            events.write(protagonist.totalSteps(), SCALAR_TAGS,
                Arrays.copyOfRange(values, FIRST_SCALAR, values.length));
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
