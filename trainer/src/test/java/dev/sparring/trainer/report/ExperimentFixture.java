package dev.sparring.trainer.report;

import dev.sparring.trainer.run.MetricsCsv;
import dev.sparring.trainer.run.RobustnessStudy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes synthetic experiment directories as {@code train} and {@code eval} lay them out: per seed a
 * {@code metrics.csv} whose return rises linearly to a chosen final value, and an {@code eval/} directory with
 * per-seed returns and 3 × 3 mass × friction sweeps.
 */
public final class ExperimentFixture {
    /** Baseline final training returns of seeds 0–2. */
    public static final double[] BASELINE_FINAL = {100, 120, 140};
    /** RARL final training returns of seeds 0–3. */
    public static final double[] RARL_FINAL = {150, 130, 170, 190};
    /** Nominal evaluation returns. */
    public static final double[] BASELINE_NOMINAL = {1000, 1100, 1200};
    /** Nominal evaluation returns. */
    public static final double[] RARL_NOMINAL = {1300, 1250, 1400, 1350};
    /** The sweep's grid means per seed. */
    public static final double[] BASELINE_SWEEP = {500, 520, 540};
    /** The sweep's grid means per seed. */
    public static final double[] RARL_SWEEP = {600, 610, 590, 640};
    private static final int ITERATIONS = 5;

    private ExperimentFixture() {
    }

    /**
     * @param directory the experiment directory to create.
     * @return it, with baseline (3 seeds) and rarl (4 seeds) trained and evaluated.
     * @throws IOException when a file cannot be written.
     */
    public static Path write(final Path directory) throws IOException {
        seeds(directory, "baseline", BASELINE_FINAL);
        seeds(directory, "rarl", RARL_FINAL);
        final Path eval = Files.createDirectories(directory.resolve("eval"));
        final StringBuilder returns = new StringBuilder(RobustnessStudy.RETURNS_HEADER).append('\n');
        returns(returns, "baseline", "nominal", BASELINE_NOMINAL);
        returns(returns, "baseline", "trained adversary", new double[] {Double.NaN, Double.NaN, Double.NaN});
        returns(returns, "baseline", "\"sweep, no force\"", BASELINE_SWEEP);
        returns(returns, "rarl", "nominal", RARL_NOMINAL);
        returns(returns, "rarl", "trained adversary", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        returns(returns, "rarl", "\"sweep, no force\"", RARL_SWEEP);
        Files.writeString(eval.resolve(RobustnessStudy.RETURNS_FILE), returns);
        sweep(eval.resolve("sweep_baseline_none.csv"), 0.0);
        sweep(eval.resolve("sweep_rarl_none.csv"), 100.0);
        return directory;
    }

    /**
     * Writes one method's seeds.
     *
     * @param directory   the experiment directory.
     * @param method      the method.
     * @param finalReturn one final return per seed (seed-0, seed-1, ...).
     * @throws IOException when a file cannot be written.
     */
    public static void seeds(final Path directory, final String method, final double... finalReturn)
        throws IOException {
        final int emptyCells = MetricsCsv.HEADER.split(",").length - 3;
        for (int s = 0; s < finalReturn.length; s++) {
            final StringBuilder metrics = new StringBuilder(MetricsCsv.HEADER).append('\n');
            for (int i = 1; i <= ITERATIONS; i++) {
                metrics.append(i).append(',').append(i * 1000).append(',')
                    .append(finalReturn[s] * i / ITERATIONS).append(",".repeat(emptyCells)).append('\n');
            }
            final Path seed = Files.createDirectories(directory.resolve(method).resolve("seed-" + s));
            Files.writeString(seed.resolve("metrics.csv"), metrics);
        }
    }

    private static void returns(final StringBuilder csv, final String method, final String condition,
        final double[] values) {
        for (int k = 0; k < values.length; k++) {
            csv.append(method).append(',').append(k).append(',').append(condition).append(',').append(values[k])
                .append('\n');
        }
    }

    /** A 3 × 3 grid, mean {@code 1000 × mass + 100 × friction + offset}, std 10 × friction. */
    private static void sweep(final Path file, final double offset) throws IOException {
        final StringBuilder csv = new StringBuilder(
            "param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes\n");
        for (final double mass : new double[] {0.5, 1.0, 1.5}) {
            for (final double friction : new double[] {0.5, 1.0, 1.5}) {
                csv.append(String.format(Locale.ROOT, "mass,friction,%s,%s,%s,%s,15%n", mass, friction,
                    1000 * mass + 100 * friction + offset, 10 * friction));
            }
        }
        Files.writeString(file, csv);
    }
}
