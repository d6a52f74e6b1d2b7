package dev.sparring.benchmarks;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.colearn.ContextDistance;
import dev.sparring.trainer.colearn.ContextFeatureExtractor;
import dev.sparring.trainer.colearn.ContextFeatures;
import dev.sparring.trainer.colearn.ContextFidelity;
import dev.sparring.trainer.colearn.LinearGaussianContextFeatures;
import dev.sparring.trainer.colearn.LinearGaussianSystem;
import dev.sparring.trainer.colearn.SharingConfig;
import dev.sparring.trainer.colearn.SharingPlan;
import dev.sparring.trainer.colearn.SharingRound;
import dev.sparring.trainer.colearn.TransitionWindow;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./sparring bench supervisor}: the supervisors' work per window of Dynamic Co-Learning as the fleet grows.
 * Synthetic windows (robots of {@value #TYPES} hidden linear-Gaussian types, robot i of type i mod {@value #TYPES},
 * observation {@value #OBSERVATION_SIZE}, action {@value #ACTION_SIZE}, K tuples each, seeded) are dealt to S
 * supervisors in contiguous blocks as the fleet deals its robots; per N and S, each supervisor runs on its block the
 * step of every window ({@link SharingRound#plan}: features, normalised distances, k-medoids with k by silhouette,
 * partner draws) and, timed apart, the fidelity check ({@link Fidelity#of}: models and m over every pair). Medians
 * over the repeats after the warm-up ones of the CPU time and the bytes allocated on this thread (CPU time, since a
 * shared machine's load stretches wall time; the fleet's wall time is printed beside it), one thread.
 */
@Command(name = "bench supervisor", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Supervisor work per window (Dynamic Co-Learning's plan and its fidelity check) and memory as the "
        + "fleet grows, per number of robots N and of supervisors S.")
public final class SupervisorCost implements Callable<Integer> {
    /** The hidden types of the synthetic fleet. */
    static final int TYPES = 4;
    /** n_s, as the inverted pendulum's. */
    static final int OBSERVATION_SIZE = 4;
    /** n_a, as the inverted pendulum's. */
    static final int ACTION_SIZE = 1;
    /** The robots' policy rate: a window of K steps lasts K / 25 s of robot time. */
    static final double CONTROL_RATE_HZ = 25.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--robots", paramLabel = "<N>", split = ",", defaultValue = "32,128,512,1024",
        description = "Fleet sizes N (default ${DEFAULT-VALUE}).")
    private List<Integer> fleetSizes;

    @Option(names = "--supervisors", paramLabel = "<S>", split = ",", defaultValue = "1,8",
        description = "Numbers of supervisors S (default ${DEFAULT-VALUE}); S > N is skipped.")
    private List<Integer> supervisorCounts;

    @Option(names = "--window", paramLabel = "<steps>", defaultValue = "1000",
        description = "K, policy steps (tuples) per robot and window (default ${DEFAULT-VALUE}).")
    private int windowSteps;

    @Option(names = "--repeats", paramLabel = "<windows>", defaultValue = "5",
        description = "Timed windows per N and S (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--warmup", paramLabel = "<windows>", defaultValue = "3",
        description = "Untimed windows before them (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--k-max", paramLabel = "<windows>", defaultValue = "6",
        description = "The most sharing groups per supervisor, k in 1..k-max (default ${DEFAULT-VALUE}, the fleet's).")
    private int kMax;

    @Option(names = "--temperature", paramLabel = "<T>", defaultValue = "3",
        description = "T, partner draws per robot per window (default ${DEFAULT-VALUE}).")
    private int temperature;

    @Option(names = "--seed", paramLabel = "<seed>",
        defaultValue = "0", description = "Seed of the types and windows (default 0).")
    private long seed;

    SupervisorCost() {
    }

    /**
     * @param args the options ({@code --help} lists them).
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new SupervisorCost()).execute(args));
    }

    @Override
    public Integer call() {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final int largest = fleetSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        final TransitionWindow[] fleet = fleet(largest);
        final double windowS = windowSteps / CONTROL_RATE_HZ;
        out.printf(Locale.ROOT, "supervisor work per window: K = %d tuples (%.0f s of robot time at %.0f Hz), "
            + "observation %d, action %d, %d types; k in 1..%d, T = %d; median of %d windows after %d warm-up%n%n",
            windowSteps, windowS, CONTROL_RATE_HZ, OBSERVATION_SIZE, ACTION_SIZE, TYPES, kMax, temperature, repeats,
            warmup);
        out.println("| N | S | robots/block | plan ms/block | features | distances | k-medoids + draws "
            + "| fidelity ms/block | fleet ms/window | block % of window | fleet % of window | fleet wall ms "
            + "| allocated MB/window (plan + fidelity) | windows MB |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        final double[][] planMs = new double[supervisorCounts.size()][fleetSizes.size()];
        final double[][] fidelityMs = new double[supervisorCounts.size()][fleetSizes.size()];
        for (int ni = 0; ni < fleetSizes.size(); ni++) {
            final int n = fleetSizes.get(ni);
            final TransitionWindow[] windows = Arrays.copyOf(fleet, n);
            for (int si = 0; si < supervisorCounts.size(); si++) {
                final int s = supervisorCounts.get(si);
                if (s > n) {
                    planMs[si][ni] = Double.NaN;
                    fidelityMs[si][ni] = Double.NaN;
                    continue;
                }
                final Cost cost = measure(blocks(windows, s));
                planMs[si][ni] = cost.fleetPlanMs();
                fidelityMs[si][ni] = cost.fleetFidelityMs();
                final double blockMs = cost.blockPlanMs() + cost.blockFidelityMs();
                final double fleetMs = cost.fleetPlanMs() + cost.fleetFidelityMs();
                out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f | %.3f "
                    + "| %.0f | %.1f + %.1f | %.1f |%n", n, s, (n + s - 1) / s, cost.blockPlanMs(),
                    cost.blockFeaturesMs(), cost.blockDistancesMs(),
                    cost.blockPlanMs() - cost.blockFeaturesMs() - cost.blockDistancesMs(), cost.blockFidelityMs(),
                    fleetMs, 100.0 * blockMs / (1e3 * windowS), 100.0 * fleetMs / (1e3 * windowS),
                    cost.fleetWallMs(), cost.planBytes() / 1e6, cost.fidelityBytes() / 1e6,
                    retainedBytes(windows) / 1e6);
                out.flush();
            }
        }
        out.println();
        for (int si = 0; si < supervisorCounts.size(); si++) {
            out.printf(Locale.ROOT, "growth with N at S = %d, fleet time per window ∝ N^b, fitted (and between "
                + "sizes): plan b = %.2f (%s), "
                + "fidelity b = %.2f (%s)%n", supervisorCounts.get(si), exponent(planMs[si]),
                stepExponents(planMs[si]), exponent(fidelityMs[si]), stepExponents(fidelityMs[si]));
        }
        out.flush();
        return 0;
    }

    private void validate() {
        final int minimum = new LinearGaussianContextFeatures().minimumCount(OBSERVATION_SIZE, ACTION_SIZE);
        check(windowSteps >= minimum, "--window must be >= " + minimum + " tuples, was " + windowSteps);
        check(repeats >= 1, "--repeats must be >= 1, was " + repeats);
        check(warmup >= 0, "--warmup must be >= 0, was " + warmup);
        check(kMax >= 1, "--k-max must be >= 1, was " + kMax);
        check(temperature >= 0, "--temperature must be >= 0, was " + temperature);
        for (final int n : fleetSizes) {
            check(n >= 2, "--robots must all be >= 2, was " + n);
        }
        for (final int s : supervisorCounts) {
            check(s >= 1, "--supervisors must all be >= 1, was " + s);
        }
    }

    private void check(final boolean condition, final String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** The first n robots' windows of one window of the synthetic fleet; every prefix holds every type. */
    private TransitionWindow[] fleet(final int n) {
        final SplitMix64 random = new SplitMix64(seed);
        final LinearGaussianSystem[] types = new LinearGaussianSystem[TYPES];
        for (int t = 0; t < TYPES; t++) {
            types[t] = LinearGaussianSystem.random(OBSERVATION_SIZE, ACTION_SIZE, random);
        }
        final TransitionWindow[] windows = new TransitionWindow[n];
        for (int i = 0; i < n; i++) {
            windows[i] = types[i % TYPES].window(random, windowSteps);
        }
        return windows;
    }

    /** The robots dealt to s supervisors in contiguous blocks, as {@code FleetConfig.supervisorOf} deals them. */
    private static TransitionWindow[][] blocks(final TransitionWindow[] windows, final int s) {
        final int n = windows.length;
        final TransitionWindow[][] blocks = new TransitionWindow[s][];
        int from = 0;
        for (int b = 0; b < s; b++) {
            int to = from;
            while (to < n && (int) ((long) to * s / n) == b) {
                to++;
            }
            blocks[b] = Arrays.copyOfRange(windows, from, to);
            from = to;
        }
        return blocks;
    }

    /** Runs the warm-up and timed windows over every block; medians over the timed ones. */
    private Cost measure(final TransitionWindow[][] blocks) {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final ContextFeatureExtractor extractor = new LinearGaussianContextFeatures();
        final double[][] samples = new double[Cost.FIELDS][repeats];
        for (int w = -warmup; w < repeats; w++) {
            final double[] window = new double[Cost.FIELDS];
            for (int b = 0; b < blocks.length; b++) {
                final TransitionWindow[] block = blocks[b];
                final SharingConfig config = new SharingConfig(1, Math.min(kMax, block.length), temperature);
                final long windowSeed = SplitMix64.derive(seed, w + warmup);
                final long wall0 = System.nanoTime();
                final long bytes0 = threads.getCurrentThreadAllocatedBytes();
                final long t0 = threads.getCurrentThreadCpuTime();
                final SharingPlan plan = SharingRound.plan(block, extractor, config, windowSeed,
                    new SplitMix64(SplitMix64.derive(windowSeed, b)));
                final long t1 = threads.getCurrentThreadCpuTime();
                final long bytes1 = threads.getCurrentThreadAllocatedBytes();
                ContextFidelity.of(block, plan.features().sufficientRobots(), plan.distance());
                final long t2 = threads.getCurrentThreadCpuTime();
                final long bytes2 = threads.getCurrentThreadAllocatedBytes();
                window[Cost.FLEET_WALL] += (System.nanoTime() - wall0) * 1e-6;
                final ContextFeatures features = ContextFeatures.extract(extractor, block);
                final long t3 = threads.getCurrentThreadCpuTime();
                ContextDistance.normalisedEuclidean(features.features());
                final long t4 = threads.getCurrentThreadCpuTime();
                window[Cost.BLOCK_PLAN] = Math.max(window[Cost.BLOCK_PLAN], (t1 - t0) * 1e-6);
                window[Cost.BLOCK_FIDELITY] = Math.max(window[Cost.BLOCK_FIDELITY], (t2 - t1) * 1e-6);
                window[Cost.BLOCK_FEATURES] = Math.max(window[Cost.BLOCK_FEATURES], (t3 - t2) * 1e-6);
                window[Cost.BLOCK_DISTANCES] = Math.max(window[Cost.BLOCK_DISTANCES], (t4 - t3) * 1e-6);
                window[Cost.FLEET_PLAN] += (t1 - t0) * 1e-6;
                window[Cost.FLEET_FIDELITY] += (t2 - t1) * 1e-6;
                window[Cost.PLAN_BYTES] += bytes1 - bytes0;
                window[Cost.FIDELITY_BYTES] += bytes2 - bytes1;
            }
            if (w >= 0) {
                for (int f = 0; f < Cost.FIELDS; f++) {
                    samples[f][w] = window[f];
                }
            }
        }
        final double[] medians = new double[Cost.FIELDS];
        for (int f = 0; f < Cost.FIELDS; f++) {
            medians[f] = median(samples[f]);
        }
        return new Cost(medians);
    }

    /** The windows' arrays: their values and a 16-byte array header each. */
    private static long retainedBytes(final TransitionWindow[] windows) {
        long bytes = 0;
        for (final TransitionWindow w : windows) {
            bytes += 4 * 16L + Double.BYTES * ((long) w.observations().length + w.actions().length
                + w.rewards().length + w.nextObservations().length);
        }
        return bytes;
    }

    /** The least-squares slope of ln y on ln N over the fleet sizes with a value; NaN with fewer than two. */
    private double exponent(final double[] y) {
        double sx = 0.0;
        double sy = 0.0;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                sx += Math.log(fleetSizes.get(i));
                sy += Math.log(y[i]);
                count++;
            }
        }
        if (count < 2) {
            return Double.NaN;
        }
        final double meanX = sx / count;
        final double meanY = sy / count;
        double sxy = 0.0;
        double sxx = 0.0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                final double dx = Math.log(fleetSizes.get(i)) - meanX;
                sxy += dx * (Math.log(y[i]) - meanY);
                sxx += dx * dx;
            }
        }
        return sxx > 0.0 ? sxy / sxx : Double.NaN;
    }

    /** The exponents between successive fleet sizes, e.g. "512→1024: 1.75", joined by commas. */
    private String stepExponents(final double[] y) {
        final StringBuilder steps = new StringBuilder();
        for (int i = 1; i < y.length; i++) {
            final double b = Math.log(y[i] / y[i - 1]) / Math.log((double) fleetSizes.get(i) / fleetSizes.get(i - 1));
            steps.append(i > 1 ? ", " : "").append(String.format(Locale.ROOT, "%d→%d: %.2f", fleetSizes.get(i - 1),
                fleetSizes.get(i), b));
        }
        return steps.toString();
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * One N and S's medians over the timed windows, CPU times in ms. The block times are the slowest block's of each
     * window (what bounds the window when the supervisors run side by side), the fleet's the sum over the blocks (one
     * core doing every supervisor's work), as are the bytes and the fleet's wall time (plan and fidelity check).
     *
     * @param values the medians, indexed by the constants.
     */
    private record Cost(double[] values) {
        static final int BLOCK_PLAN = 0;
        static final int BLOCK_FEATURES = 1;
        static final int BLOCK_DISTANCES = 2;
        static final int BLOCK_FIDELITY = 3;
        static final int FLEET_PLAN = 4;
        static final int FLEET_FIDELITY = 5;
        static final int PLAN_BYTES = 6;
        static final int FIDELITY_BYTES = 7;
        static final int FLEET_WALL = 8;
        static final int FIELDS = 9;

        double blockPlanMs() {
            return values[BLOCK_PLAN];
        }

        double blockFeaturesMs() {
            return values[BLOCK_FEATURES];
        }

        double blockDistancesMs() {
            return values[BLOCK_DISTANCES];
        }

        double blockFidelityMs() {
            return values[BLOCK_FIDELITY];
        }

        double fleetPlanMs() {
            return values[FLEET_PLAN];
        }

        double fleetFidelityMs() {
            return values[FLEET_FIDELITY];
        }

        double planBytes() {
            return values[PLAN_BYTES];
        }

        double fidelityBytes() {
            return values[FIDELITY_BYTES];
        }

        double fleetWallMs() {
            return values[FLEET_WALL];
        }
    }
}
