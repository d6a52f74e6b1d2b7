package dev.sparring.trainer.eval;

import dev.sparring.hal.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A robustness sweep's outcome: mean and standard deviation of the return in every cell of a 1-D curve (axis A
 * only) or a 2-D grid (axis A × axis B).
 */
public final class SweepResult {
    /** The CSV header {@link #writeCsv} writes. */
    public static final String CSV_HEADER = "param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes";

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
     * there, in the unit its label names); a curve leaves the B columns empty. Numbers are written in Java's
     * shortest round-trip form.
     *
     * @param file the CSV file, created or replaced (its directory must exist).
     */
    public void writeCsv(final Path file) {
        final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < sizeA(); i++) {
            for (int j = 0; j < sizeB(); j++) {
                csv.append(axisA.label()).append(',')
                    .append(axisB == null ? "" : axisB.label()).append(',')
                    .append(axisA.point(i)).append(',')
                    .append(axisB == null ? "" : Double.toString(axisB.point(j))).append(',')
                    .append(meanReturn(i, j)).append(',')
                    .append(stdReturn(i, j)).append(',')
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
