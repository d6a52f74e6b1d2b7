package dev.sparring.trainer.algo;

import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The speed measurement of issue 4: wall time and environment steps for PPO (or TRPO) to reach a 10-episode mean
 * return of at least 950 on {@code inverted_pendulum}, per seed and the median, plus end-to-end and sampling-only
 * steps per second. Wall time runs from building the learner (JIT warm-up included) to the iteration that reaches
 * the threshold; the first seed of a JVM pays the JIT warm-up, so cold numbers need one JVM per seed
 * ({@code seeds=1 firstSeed=k}). Arguments are {@code key=value} overrides of the defaults printed at start.
 */
public final class SpeedRun {
    private static final double THRESHOLD = 950.0;

    private SpeedRun() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code key=value} overrides: algo, seeds, firstSeed, envs, steps, workers, epochs, minibatches, lr, hidden,
     *             maxSteps, gamma, lambda, clip, ent.
     */
    public static void main(final String[] args) {
        final Map<String, String> options = new LinkedHashMap<>();
        options.put("algo", "ppo");
        options.put("seeds", "5");
        options.put("firstSeed", "0");
        options.put("envs", "8");
        options.put("steps", "256");
        options.put("workers", "2");
        options.put("epochs", "10");
        options.put("minibatches", "32");
        options.put("lr", "3e-4");
        options.put("hidden", "64,64");
        options.put("maxSteps", "300000");
        options.put("gamma", "0.99");
        options.put("lambda", "0.95");
        options.put("clip", "0.2");
        options.put("ent", "0.0");
        for (final String arg : args) {
            final int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("expected key=value with a key of " + options.keySet() + ", was "
                    + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.out.println("options " + options);
        final int seeds = Integer.parseInt(options.get("seeds"));
        final double[] seconds = new double[seeds];
        final long[] steps = new long[seeds];
        final int firstSeed = Integer.parseInt(options.get("firstSeed"));
        for (int k = 0; k < seeds; k++) {
            final double[] result = run(options, firstSeed + k);
            seconds[k] = result[0];
            steps[k] = (long) result[1];
        }
        if (seeds > 0) {
            final double[] sortedSeconds = seconds.clone();
            Arrays.sort(sortedSeconds);
            final long[] sortedSteps = steps.clone();
            Arrays.sort(sortedSteps);
            System.out.printf(Locale.ROOT, "median over %d seeds: %.2f s, %d steps%n", seeds,
                sortedSeconds[seeds / 2], sortedSteps[seeds / 2]);
        }
        samplingOnly(options);
    }

    private static double[] run(final Map<String, String> options, final long seed) {
        final int envCount = Integer.parseInt(options.get("envs"));
        final long maxSteps = Long.parseLong(options.get("maxSteps"));
        final long start = System.nanoTime();
        double collectSeconds = 0.0;
        double updateSeconds = 0.0;
        try (RolloutCollector collector = new RolloutCollector(envs(envCount), Integer.parseInt(options.get("steps")),
            Integer.parseInt(options.get("workers")), seed)) {
            final OnPolicyLearner learner = learner(options, collector, seed);
            IterationMetrics metrics;
            do {
                metrics = learner.iterate();
                collectSeconds += metrics.collectSeconds();
                updateSeconds += metrics.updateSeconds();
            } while (!(metrics.meanEpisodicReturn() >= THRESHOLD) && metrics.totalSteps() < maxSteps);
            final double wall = (System.nanoTime() - start) * 1e-9;
            final boolean reached = metrics.meanEpisodicReturn() >= THRESHOLD;
            System.out.printf(Locale.ROOT,
                "seed %d: %s after %d steps, %.2f s wall (collect %.2f s, update %.2f s), %.0f steps/s end to end,"
                    + " mean return %.1f over %d episodes%n",
                seed, reached ? "reached" : "NOT reached", metrics.totalSteps(), wall, collectSeconds, updateSeconds,
                metrics.totalSteps() / wall, metrics.meanEpisodicReturn(), metrics.episodes());
            return new double[] {reached ? wall : Double.POSITIVE_INFINITY, metrics.totalSteps()};
        }
    }

    /** Steady-state throughput after warm-up: whole iterations, and rollouts alone. */
    private static void samplingOnly(final Map<String, String> options) {
        final int envCount = Integer.parseInt(options.get("envs"));
        final int stepsPerEnv = Integer.parseInt(options.get("steps"));
        try (RolloutCollector collector = new RolloutCollector(envs(envCount), stepsPerEnv,
            Integer.parseInt(options.get("workers")), 99L)) {
            final OnPolicyLearner learner = learner(options, collector, 99L);
            final RolloutBuffer buffer = learner.buffer();
            for (int i = 0; i < 10; i++) {
                learner.iterate();
            }
            final int iterations = 10;
            double collectSeconds = 0.0;
            double updateSeconds = 0.0;
            for (int i = 0; i < iterations; i++) {
                final IterationMetrics metrics = learner.iterate();
                collectSeconds += metrics.collectSeconds();
                updateSeconds += metrics.updateSeconds();
            }
            final double steps = (double) iterations * buffer.size();
            System.out.printf(Locale.ROOT, "steady state: %.0f steps/s end to end (collect %.0f%%, update %.0f%% of"
                    + " the time; update %.1f µs per collected step)%n", steps / (collectSeconds + updateSeconds),
                100.0 * collectSeconds / (collectSeconds + updateSeconds),
                100.0 * updateSeconds / (collectSeconds + updateSeconds), 1e6 * updateSeconds / steps);
            final int rollouts = 50;
            final long start = System.nanoTime();
            for (int i = 0; i < rollouts; i++) {
                collector.collect(learner.policy(), learner.value(), Role.PROTAGONIST, null, buffer);
            }
            final double seconds = (System.nanoTime() - start) * 1e-9;
            System.out.printf(Locale.ROOT, "sampling only (policy + value forward, env step): %.0f steps/s%n",
                (double) rollouts * buffer.size() / seconds);
        }
    }

    private static OnPolicyLearner learner(final Map<String, String> options, final RolloutCollector collector,
        final long seed) {
        final String[] widths = options.get("hidden").split(",");
        final int[] hidden = new int[widths.length];
        for (int l = 0; l < widths.length; l++) {
            hidden[l] = Integer.parseInt(widths[l]);
        }
        final PolicyConfig policyConfig = new PolicyConfig(hidden, true, 10.0, true, 10.0, false);
        final double gamma = Double.parseDouble(options.get("gamma"));
        final double lambda = Double.parseDouble(options.get("lambda"));
        if (options.get("algo").equals("trpo")) {
            final TrpoConfig defaults = TrpoConfig.rarl();
            final TrpoConfig config = new TrpoConfig(gamma, lambda, defaults.deltaKl(), defaults.cgIterations(),
                defaults.cgDamping(), defaults.lineSearchSteps(), defaults.lineSearchShrink(),
                Double.parseDouble(options.get("lr")), Integer.parseInt(options.get("epochs")),
                Integer.parseInt(options.get("minibatches")), true);
            return OnPolicyLearner.trpo(collector, Role.PROTAGONIST, policyConfig, config, seed);
        }
        final PpoConfig config = new PpoConfig(gamma, lambda, Integer.parseInt(options.get("epochs")),
            Integer.parseInt(options.get("minibatches")), Double.parseDouble(options.get("lr")), 1e-5,
            Double.parseDouble(options.get("clip")), true, Double.parseDouble(options.get("ent")), 0.5, 0.5,
            Double.POSITIVE_INFINITY, true);
        return OnPolicyLearner.ppo(collector, Role.PROTAGONIST, policyConfig, config, seed);
    }

    private static Env[] envs(final int count) {
        final Env[] envs = new Env[count];
        for (int e = 0; e < count; e++) {
            envs[e] = Tasks.create("inverted_pendulum", 0.0);
        }
        return envs;
    }
}
