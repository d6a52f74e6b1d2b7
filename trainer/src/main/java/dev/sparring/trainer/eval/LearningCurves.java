package dev.sparring.trainer.eval;

import dev.sparring.hal.io.BoundedFiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads per-seed metrics from CSV files and aggregates them into a mean ± standard deviation curve or a median
 * and percentile-band curve.
 * <p>
 * <b>Aggregation.</b> Seeds log at different steps (a return is logged when an episode ends), so their curves are
 * brought to common steps by linear interpolation: {@code points} evenly spaced steps from the latest first step to
 * the earliest last step over the seeds, the range every seed covers (nothing is extrapolated). Values a seed logged
 * at the same step are averaged first. At each common step the result is the mean and the population standard
 * deviation over seeds of the interpolated values, or their median and percentiles.
 */
public final class LearningCurves {
    /** Largest metrics file read (64 MiB, about 300 000 iterations). */
    public static final long MAX_FILE_BYTES = 1L << 26;

    private LearningCurves() {
    }

    /**
     * @param seeds  one curve per seed, at least one.
     * @param points the number of common steps, &gt;= 2.
     * @return mean and standard deviation over seeds at the common steps.
     * @throws IllegalArgumentException when the seeds' step ranges do not overlap in more than one step.
     */
    public static MeanCurve aggregate(final List<LearningCurve> seeds, final int points) {
        final double[] steps = commonSteps(seeds, points);
        final double[][] atStep = atSteps(seeds, steps);
        final double[] mean = new double[points];
        final double[] std = new double[points];
        for (int p = 0; p < points; p++) {
            mean[p] = Statistics.mean(atStep[p]);
            std[p] = Statistics.std(atStep[p]);
        }
        return new MeanCurve(steps, mean, std, seeds.size());
    }

    /**
     * The median and two percentiles over seeds at the same common steps as {@link #aggregate}, percentiles as
     * {@link Statistics#percentile}.
     *
     * @param seeds          one curve per seed, at least one.
     * @param points         the number of common steps, &gt;= 2.
     * @param lowPercentile  the band's lower percentile, e.g. 25.
     * @param highPercentile the band's upper percentile, e.g. 75.
     * @return the percentile curve.
     * @throws IllegalArgumentException when the seeds' step ranges do not overlap in more than one step.
     */
    public static PercentileCurve percentiles(final List<LearningCurve> seeds, final int points,
        final double lowPercentile, final double highPercentile) {
        final double[] steps = commonSteps(seeds, points);
        final double[][] atStep = atSteps(seeds, steps);
        final double[] median = new double[points];
        final double[] low = new double[points];
        final double[] high = new double[points];
        for (int p = 0; p < points; p++) {
            median[p] = Statistics.percentile(atStep[p], 50.0);
            low[p] = Statistics.percentile(atStep[p], lowPercentile);
            high[p] = Statistics.percentile(atStep[p], highPercentile);
        }
        return new PercentileCurve(steps, median, low, high, lowPercentile, highPercentile, seeds.size());
    }

    /** {@code points} evenly spaced whole steps over the range every seed covers (a step count has no fraction). */
    private static double[] commonSteps(final List<LearningCurve> seeds, final int points) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("aggregating learning curves needs at least one seed");
        }
        if (points < 2) {
            throw new IllegalArgumentException("learning curve points must be >= 2, was " + points);
        }
        double from = Double.NEGATIVE_INFINITY;
        double to = Double.POSITIVE_INFINITY;
        for (final LearningCurve curve : seeds) {
            from = Math.max(from, curve.step(0));
            to = Math.min(to, curve.step(curve.size() - 1));
        }
        if (!(from < to)) {
            throw new IllegalArgumentException("the seeds' learning curves must share a range of steps, but the "
                + "latest first step is " + from + " and the earliest last step " + to);
        }
        final double[] steps = ParameterAxis.range(from, to, points);
        for (int p = 0; p < points; p++) {
            steps[p] = Math.rint(steps[p]);
        }
        return steps;
    }

    /** Each seed's value interpolated at each step: {@code [step][seed]}. */
    private static double[][] atSteps(final List<LearningCurve> seeds, final double[] steps) {
        final double[][] atStep = new double[steps.length][seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            final LearningCurve curve = merged(seeds.get(s));
            int segment = 0;
            for (int p = 0; p < steps.length; p++) {
                while (segment < curve.size() - 2 && curve.step(segment + 1) < steps[p]) {
                    segment++;
                }
                atStep[p][s] = interpolate(curve, segment, steps[p]);
            }
        }
        return atStep;
    }

    /**
     * Reads one seed's metric from a CSV file with a header row; rows whose value cell is empty (a metric not logged
     * at that step) are skipped.
     *
     * @param file        the CSV file (comma-separated, no quoting), at most {@link #MAX_FILE_BYTES}.
     * @param stepColumn  the header of the environment-step column.
     * @param valueColumn the header of the metric's column.
     * @return the curve.
     * @throws IOException naming the file when it cannot be read or a row or column is malformed or missing.
     */
    public static LearningCurve read(final Path file, final String stepColumn, final String valueColumn)
        throws IOException {
        final List<String> lines = BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "metrics file").lines().toList();
        if (lines.isEmpty()) {
            throw new FileSystemException(file.toString(), null, "is empty; expected a header row");
        }
        final List<String> header = Arrays.asList(lines.getFirst().split(",", -1));
        final int stepIndex = column(file, header, stepColumn);
        final int valueIndex = column(file, header, valueColumn);
        final double[] steps = new double[lines.size() - 1];
        final double[] values = new double[lines.size() - 1];
        int count = 0;
        for (int row = 1; row < lines.size(); row++) {
            if (lines.get(row).isBlank()) {
                continue;
            }
            final String[] cells = lines.get(row).split(",", -1);
            if (cells.length != header.size()) {
                throw new FileSystemException(file.toString(), null, "line " + (row + 1) + " has " + cells.length
                    + " cells, the header " + header.size());
            }
            if (cells[valueIndex].isBlank()) {
                continue;
            }
            try {
                steps[count] = Double.parseDouble(cells[stepIndex].strip());
                values[count] = Double.parseDouble(cells[valueIndex].strip());
            } catch (final NumberFormatException e) {
                throw (FileSystemException) new FileSystemException(file.toString(), null, "line " + (row + 1)
                    + ": '" + stepColumn + "' and '" + valueColumn + "' must be numbers, were '" + cells[stepIndex]
                    + "' and '" + cells[valueIndex] + "'").initCause(e);
            }
            count++;
        }
        if (count == 0) {
            throw new FileSystemException(file.toString(), null, "has no row with a '" + valueColumn + "' value");
        }
        return new LearningCurve(Arrays.copyOf(steps, count), Arrays.copyOf(values, count));
    }

    private static int column(final Path file, final List<String> header, final String name)
        throws FileSystemException {
        final int index = header.indexOf(name);
        if (index < 0) {
            throw new FileSystemException(file.toString(), null, "has no column '" + name + "'; its columns are "
                + header);
        }
        return index;
    }

    /** The curve with the values logged at one step averaged into one point. */
    private static LearningCurve merged(final LearningCurve curve) {
        final double[] steps = new double[curve.size()];
        final double[] values = new double[curve.size()];
        int count = 0;
        int i = 0;
        while (i < curve.size()) {
            int end = i;
            double sum = 0.0;
            while (end < curve.size() && curve.step(end) == curve.step(i)) {
                sum += curve.value(end);
                end++;
            }
            steps[count] = curve.step(i);
            values[count] = sum / (end - i);
            count++;
            i = end;
        }
        return new LearningCurve(Arrays.copyOf(steps, count), Arrays.copyOf(values, count));
    }

    /** Linear interpolation on the segment from point {@code segment} to the next. */
    private static double interpolate(final LearningCurve curve, final int segment, final double step) {
        final double x0 = curve.step(segment);
        final double x1 = curve.step(segment + 1);
        final double weight = (step - x0) / (x1 - x0);
        return curve.value(segment) + weight * (curve.value(segment + 1) - curve.value(segment));
    }
}
