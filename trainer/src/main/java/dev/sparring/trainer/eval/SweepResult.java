package dev.sparring.trainer.eval;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.CsvNumbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A robustness sweep's outcome: mean and standard deviation of the return in every cell of a 1-D curve (axis A
 * only) or a 2-D grid (axis A × axis B).
 */
public final class SweepResult {
    /** The CSV header {@link #writeCsv} writes. */
    public static final String CSV_HEADER = "param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes";
    /** Largest sweep CSV read (a 101 × 101 grid is about 1 MiB). */
    private static final long MAX_CSV_BYTES = 1L << 24;

    private final ParameterAxis axisA;
    private final ParameterAxis axisB;
    private final List<String> parametersA;
    private final List<String> parametersB;
    private final double[] meanReturn;
    private final double[] stdReturn;
    private final int episodesPerCell;

    /**
     * @param axisA           the first axis.
     * @param parametersA     the plant parameters axis A set.
     * @param axisB           the second axis, or {@code null} for a curve.
     * @param parametersB     the plant parameters axis B set (empty for a curve).
     * @param meanReturn      the cells' mean returns, row-major: cell {@code (i, j)} at {@code i·sizeB + j}.
     * @param stdReturn       the cells' return standard deviations, in the same order.
     * @param episodesPerCell episodes evaluated per cell.
     */
    SweepResult(final ParameterAxis axisA, final List<String> parametersA, final ParameterAxis axisB,
        final List<String> parametersB, final double[] meanReturn, final double[] stdReturn,
        final int episodesPerCell) {
        this.axisA = axisA;
        this.axisB = axisB;
        this.parametersA = List.copyOf(parametersA);
        this.parametersB = List.copyOf(parametersB);
        this.meanReturn = meanReturn.clone();
        this.stdReturn = stdReturn.clone();
        this.episodesPerCell = episodesPerCell;
    }

    /**
     * Combines the sweeps of several policies (seeds) over the same axes: per cell, the mean over policies of their
     * mean returns and the standard deviation of those means across policies (the seed-to-seed spread).
     *
     * @param sweeps at least one sweep, all over the same axes.
     * @return the combined sweep; its episodes per cell are the sum over policies.
     */
    public static SweepResult acrossPolicies(final List<SweepResult> sweeps) {
        if (sweeps.isEmpty()) {
            throw new IllegalArgumentException("need at least one sweep to combine");
        }
        final SweepResult first = sweeps.getFirst();
        final int cells = first.meanReturn.length;
        final double[] mean = new double[cells];
        final double[] std = new double[cells];
        int episodes = 0;
        for (final SweepResult sweep : sweeps) {
            if (sweep.meanReturn.length != cells || !sweep.parametersA.equals(first.parametersA)
                || !sweep.parametersB.equals(first.parametersB)) {
                throw new IllegalArgumentException("sweeps to combine must share their axes");
            }
            episodes += sweep.episodesPerCell;
        }
        final double[] values = new double[sweeps.size()];
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < values.length; k++) {
                values[k] = sweeps.get(k).meanReturn[c];
            }
            mean[c] = Statistics.mean(values);
            std[c] = Statistics.std(values);
        }
        return new SweepResult(first.axisA, first.parametersA, first.axisB, first.parametersB, mean, std, episodes);
    }

    /**
     * Reads a sweep that {@link #writeCsv} wrote, with multiplier axes named by their labels (as {@code eval} writes
     * them).
     *
     * @param file the CSV file.
     * @return the sweep.
     * @throws IOException naming the file when it cannot be read, lacks the header, or its rows are malformed or not a
     *                     whole grid in {@link #writeCsv}'s order.
     */
    public static SweepResult readCsv(final Path file) throws IOException {
        final List<String> lines = BoundedFiles.readUtf8(file, MAX_CSV_BYTES, "sweep CSV").lines()
            .filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().equals(CSV_HEADER)) {
            throw new FileSystemException(file.toString(), null, "does not start with the sweep header '" + CSV_HEADER
                + "'; it is not a sweep CSV written by eval");
        }
        if (lines.size() < 2) {
            throw new FileSystemException(file.toString(), null, "holds no cells");
        }
        final int cells = lines.size() - 1;
        final String[][] rows = new String[cells][];
        final double[] mean = new double[cells];
        final double[] std = new double[cells];
        final List<Double> pointsA = new ArrayList<>();
        final List<Double> pointsB = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            rows[c] = lines.get(c + 1).split(",", -1);
            if (rows[c].length != 7) {
                throw new FileSystemException(file.toString(), null, "line " + (c + 2) + " has " + rows[c].length
                    + " cells, the header 7");
            }
            try {
                final double a = Double.parseDouble(rows[c][2]);
                if (!pointsA.contains(a)) {
                    pointsA.add(a);
                }
                if (!rows[c][3].isEmpty() && !pointsB.contains(Double.parseDouble(rows[c][3]))) {
                    pointsB.add(Double.parseDouble(rows[c][3]));
                }
                mean[c] = CsvNumbers.parse(rows[c][4]);
                std[c] = CsvNumbers.parse(rows[c][5]);
                Integer.parseInt(rows[c][6]);
            } catch (final NumberFormatException e) {
                throw (FileSystemException) new FileSystemException(file.toString(), null, "line " + (c + 2)
                    + " has a malformed number: " + e.getMessage()).initCause(e);
            }
        }
        final boolean grid = !pointsB.isEmpty();
        final int sizeB = grid ? pointsB.size() : 1;
        for (int c = 0; c < cells; c++) {
            final boolean inOrder = pointsA.size() * sizeB == cells
                && Double.parseDouble(rows[c][2]) == pointsA.get(c / sizeB)
                && (!grid || Double.parseDouble(rows[c][3]) == pointsB.get(c % sizeB))
                && rows[c][0].equals(rows[0][0]) && rows[c][1].equals(rows[0][1]) && rows[c][6].equals(rows[0][6]);
            if (!inOrder) {
                throw new FileSystemException(file.toString(), null, "line " + (c + 2) + " does not continue a "
                    + pointsA.size() + " × " + sizeB + " grid of one pair of axes (axis A outer, axis B inner)");
            }
        }
        final ParameterAxis axisA = ParameterAxis.scaled(rows[0][0], toArray(pointsA));
        final ParameterAxis axisB = grid ? ParameterAxis.scaled(rows[0][1], toArray(pointsB)) : null;
        return new SweepResult(axisA, List.of(rows[0][0]), axisB, grid ? List.of(rows[0][1]) : List.of(), mean, std,
            Integer.parseInt(rows[0][6]));
    }

    /**
     * @param j a point of axis B.
     * @return the 1-D curve along axis A at that point of axis B (a grid's column).
     */
    public SweepResult alongA(final int j) {
        final double[] mean = new double[sizeA()];
        final double[] std = new double[sizeA()];
        for (int i = 0; i < sizeA(); i++) {
            mean[i] = meanReturn(i, j);
            std[i] = stdReturn(i, j);
        }
        return new SweepResult(axisA, parametersA, null, List.of(), mean, std, episodesPerCell);
    }

    /**
     * @param i a point of axis A.
     * @return the 1-D curve along axis B at that point of axis A (a grid's row), its only axis being axis B.
     */
    public SweepResult alongB(final int i) {
        if (!isGrid()) {
            throw new IllegalArgumentException("a 1-D curve has no axis B to follow");
        }
        final double[] mean = new double[sizeB()];
        final double[] std = new double[sizeB()];
        for (int j = 0; j < sizeB(); j++) {
            mean[j] = meanReturn(i, j);
            std[j] = stdReturn(i, j);
        }
        return new SweepResult(axisB, parametersB, null, List.of(), mean, std, episodesPerCell);
    }

    private static double[] toArray(final List<Double> values) {
        final double[] array = new double[values.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = values.get(k);
        }
        return array;
    }

    /**
     * @return the mean over all cells of their mean returns: one number for robustness over the whole sweep.
     */
    public double overallMeanReturn() {
        return Statistics.mean(meanReturn);
    }

    /**
     * @return the first axis.
     */
    public ParameterAxis axisA() {
        return axisA;
    }

    /**
     * @return the second axis, or {@code null} for a curve.
     */
    public ParameterAxis axisB() {
        return axisB;
    }

    /**
     * @return whether this is a 2-D grid (two axes) rather than a curve.
     */
    public boolean isGrid() {
        return axisB != null;
    }

    /**
     * @return the plant parameters axis A set.
     */
    public List<String> parametersA() {
        return parametersA;
    }

    /**
     * @return the plant parameters axis B set (empty for a curve).
     */
    public List<String> parametersB() {
        return parametersB;
    }

    /**
     * @return the number of points along axis A.
     */
    public int sizeA() {
        return axisA.size();
    }

    /**
     * @return the number of points along axis B (1 for a curve).
     */
    public int sizeB() {
        return axisB == null ? 1 : axisB.size();
    }

    /**
     * @param i a point of axis A.
     * @param j a point of axis B (0 for a curve).
     * @return the cell's mean return.
     */
    public double meanReturn(final int i, final int j) {
        return meanReturn[i * sizeB() + j];
    }

    /**
     * @param i a point of axis A.
     * @param j a point of axis B (0 for a curve).
     * @return the population standard deviation of the cell's returns.
     */
    public double stdReturn(final int i, final int j) {
        return stdReturn[i * sizeB() + j];
    }

    /**
     * @return episodes evaluated per cell.
     */
    public int episodesPerCell() {
        return episodesPerCell;
    }

    /**
     * Writes one row per cell (axis A outer, axis B inner) under {@link #CSV_HEADER}. {@code param_a}/{@code param_b}
     * are the axes' labels; {@code multiplier_a}/{@code multiplier_b} the points (an absolute axis writes its values
     * there, in the unit its label names); a curve leaves the B columns empty. Numbers are written as
     * {@link CsvNumbers} writes them.
     *
     * @param file the CSV file, created or replaced (its directory must exist).
     */
    public void writeCsv(final Path file) {
        final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < sizeA(); i++) {
            for (int j = 0; j < sizeB(); j++) {
                csv.append(axisA.label()).append(',')
                    .append(axisB == null ? "" : axisB.label()).append(',')
                    .append(CsvNumbers.format(axisA.point(i))).append(',')
                    .append(axisB == null ? "" : CsvNumbers.format(axisB.point(j))).append(',')
                    .append(CsvNumbers.format(meanReturn(i, j))).append(',')
                    .append(CsvNumbers.format(stdReturn(i, j))).append(',')
                    .append(episodesPerCell).append('\n');
            }
        }
        try {
            AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write the sweep CSV " + file + ": " + e.getMessage(), e);
        }
    }
}
