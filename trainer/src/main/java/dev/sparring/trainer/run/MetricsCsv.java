package dev.sparring.trainer.run;

import dev.sparring.hal.io.BoundedFiles;
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
import java.util.List;
import java.util.Locale;

/**
 * The run's {@code metrics.csv}: one row per RARL iteration with fixed metric names (CleanRL's where they exist), the
 * adversary's columns empty for the baseline. Rows are flushed as written, so a crashed run keeps its curve; on
 * resume the rows after the checkpoint's iteration are dropped, so the file is the one an uninterrupted run writes.
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
     * Appends one iteration's row.
     *
     * @param iteration   the RARL iteration, from 1.
     * @param protagonist the protagonist's last update's metrics.
     * @param adversary   the adversary's, or {@code null} for the baseline.
     * @throws IOException when the row cannot be written.
     */
    public void append(final long iteration, final IterationMetrics protagonist, final IterationMetrics adversary)
        throws IOException {
        final StringBuilder row = new StringBuilder().append(iteration).append(',')
            .append(protagonist.totalSteps()).append(',')
            .append(number(protagonist.meanEpisodicReturn())).append(',')
            .append(number(protagonist.policyLoss())).append(',')
            .append(number(protagonist.valueLoss())).append(',')
            .append(number(protagonist.entropy())).append(',')
            .append(number(protagonist.approxKl())).append(',')
            .append(number(protagonist.clipFraction())).append(',')
            .append(number(protagonist.explainedVariance())).append(',')
            .append(protagonist.lineSearchSteps() < 0 ? "" : Integer.toString(protagonist.lineSearchSteps()))
            .append(',')
            .append(String.format(Locale.ROOT, "%.0f", protagonist.stepsPerSecond())).append(',')
            .append(number(protagonist.collectSeconds())).append(',')
            .append(number(protagonist.updateSeconds())).append(',');
        if (adversary != null) {
            row.append(adversary.totalSteps()).append(',')
                .append(number(adversary.meanEpisodicReturn())).append(',')
                .append(number(adversary.approxKl())).append(',')
                .append(number(adversary.policyLoss()));
        } else {
            row.append(",,,");
        }
        try {
            writer.write(row.toString());
            writer.newLine();
            writer.flush();
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
