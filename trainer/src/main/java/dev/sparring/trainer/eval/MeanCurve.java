package dev.sparring.trainer.eval;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.CsvNumbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A metric's mean and population standard deviation over seeds at common environment steps
 * ({@link LearningCurves#aggregate}).
 */
public final class MeanCurve {
    /** The CSV header {@link #writeCsv} writes. */
    public static final String CSV_HEADER = "steps,mean_return,std_return,seeds";

    private final double[] steps;
    private final double[] mean;
    private final double[] std;
    private final int seeds;

    /**
     * @param steps the common steps, increasing.
     * @param mean  the mean over seeds at each step.
     * @param std   the population standard deviation over seeds at each step.
     * @param seeds the number of seeds aggregated.
     */
    MeanCurve(final double[] steps, final double[] mean, final double[] std, final int seeds) {
        this.steps = steps.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.seeds = seeds;
    }

    /**
     * @return the number of points.
     */
    public int size() {
        return steps.length;
    }

    /**
     * @param index a point.
     * @return its environment step.
     */
    public double step(final int index) {
        return steps[index];
    }

    /**
     * @param index a point.
     * @return the mean over seeds there.
     */
    public double mean(final int index) {
        return mean[index];
    }

    /**
     * @param index a point.
     * @return the population standard deviation over seeds there.
     */
    public double std(final int index) {
        return std[index];
    }

    /**
     * @return the number of seeds aggregated.
     */
    public int seeds() {
        return seeds;
    }

    /**
     * Writes one row per point under {@link #CSV_HEADER}, numbers as {@link CsvNumbers} writes them.
     *
     * @param file the CSV file, created or replaced (its directory must exist).
     */
    public void writeCsv(final Path file) {
        final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < steps.length; i++) {
            csv.append(CsvNumbers.format(steps[i])).append(',').append(CsvNumbers.format(mean[i])).append(',')
                .append(CsvNumbers.format(std[i])).append(',').append(seeds).append('\n');
        }
        try {
            AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write the learning curve CSV " + file + ": " + e.getMessage(),
                e);
        }
    }
}
