package dev.sparring.benchmarks;

import dev.sparring.trainer.algo.OnPolicyLearner;
import dev.sparring.trainer.algo.Role;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.run.Algorithm;
import dev.sparring.trainer.run.TrainingConfig;
import dev.sparring.trainer.run.TrainingSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sparring bench training}: the trainer's speed with {@link TrainingConfig#defaults} (two workers). Per task
 * and algorithm, sampling-only steps/s (rollouts with the policy, no update) and end-to-end steps/s (rollouts plus
 * updates), both after warm-up iterations; then the wall time and steps PPO takes on {@code inverted_pendulum} to a
 * mean return over the last 10 episodes of at least the threshold, per seed, cold (each seed in a fresh child JVM with
 * this JVM's flags, timed from building the session, JIT warm-up included) and warm (in this JVM, after one untimed
 * run), with the medians.
 */
@Command(name = "bench training", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Training speed: sampling and end-to-end steps/s per task and algorithm, and PPO's time to a "
        + "10-episode mean return >= 950 on inverted_pendulum, cold (a fresh JVM per seed) and warm.")
public final class TrainingSpeed implements Callable<Integer> {
    private static final String TIMED_TASK = "inverted_pendulum";
    private static final String REACH = "reach";

    @Option(names = "--tasks", paramLabel = "<task>",
        split = ",", description = "Tasks of the throughput table (default: all).")
    private List<String> tasks = Tasks.NAMES;

    @Option(names = "--algos", paramLabel = "<algo>", split = ",", defaultValue = "ppo,trpo",
        description = "Algorithms of the throughput table (default ${DEFAULT-VALUE}).")
    private List<String> algorithms;

    @Option(names = "--warmup", paramLabel = "<iterations>", defaultValue = "5",
        description = "Iterations run before timing throughput (default ${DEFAULT-VALUE}).")
    private int warmupIterations;

    @Option(names = "--iterations", paramLabel = "<iterations>", defaultValue = "10",
        description = "Timed iterations, and timed rollouts for sampling (default ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--seeds", paramLabel = "<seed>", split = ",", defaultValue = "0,1,2,3,4",
        description = "Seeds of the time to the threshold (default ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--threshold", paramLabel = "<return>", defaultValue = "950",
        description = "Mean return over the last 10 episodes to reach (default ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "--max-steps", paramLabel = "<steps>", defaultValue = "300000",
        description = "Give up on a seed after this many steps (default ${DEFAULT-VALUE}).")
    private long maxSteps;

    @Option(names = "--set", paramLabel = "<name=value>",
        description = "Change a training setting by its config.txt name, e.g. "
        + "--set ppo.epochs=10 (all runs).")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--skip-throughput", description = "Only the time to the threshold.")
    private boolean skipThroughput;

    @Option(names = "--skip-threshold", description = "Only the throughput table.")
    private boolean skipThreshold;

    @Option(names = "--child-seed", paramLabel = "<seed>",
        hidden = true, description = "Internal: time one seed and print one line.")
    private Long childSeed;

    private TrainingSpeed() {
    }

    /**
     * @param args the options ({@code --help} lists them).
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new TrainingSpeed()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (childSeed != null) {
            System.out.println(timeToThreshold(childSeed).line());
            return 0;
        }
        if (!skipThroughput) {
            throughputTable();
        }
        if (!skipThreshold) {
            final List<Reach> cold = new ArrayList<>();
            for (final long seed : seeds) {
                cold.add(inChildJvm(seed));
            }
            report("cold: one fresh JVM per seed, timed from building the session (JIT warm-up included)", cold);
            timeToThreshold(seeds.getFirst());
            final List<Reach> warm = new ArrayList<>();
            for (final long seed : seeds) {
                warm.add(timeToThreshold(seed));
            }
            report("warm: this JVM, after one untimed run of seed " + seeds.getFirst(), warm);
        }
        return 0;
    }

    private void throughputTable() {
        System.out.printf(Locale.ROOT, "throughput: TrainingConfig.defaults, %d warm-up then %d timed iterations "
            + "(end to end) and %d timed rollouts (sampling)%n", warmupIterations, iterations, iterations);
        System.out.printf(Locale.ROOT, "%-18s %-5s %8s %8s %18s %20s %16s%n", "task", "algo", "batch", "workers",
            "sampling steps/s", "end-to-end steps/s", "update µs/step");
        for (final String task : tasks) {
            for (final String algorithm : algorithms) {
                final TrainingConfig config = config(task, Algorithm.valueOf(algorithm.toUpperCase(Locale.ROOT)),
                    0L, Long.MAX_VALUE);
                try (TrainingSession session = TrainingSession.start(config)) {
                    final OnPolicyLearner learner = session.protagonist();
                    for (int i = 0; i < warmupIterations; i++) {
                        session.iterate();
                    }
                    final long start = System.nanoTime();
                    for (int i = 0; i < iterations; i++) {
                        session.iterate();
                    }
                    final long iterated = System.nanoTime();
                    for (int i = 0; i < iterations; i++) {
                        session.collector().collect(learner.policy(), learner.value(), Role.PROTAGONIST, null,
                            learner.buffer());
                    }
                    final long sampled = System.nanoTime();
                    final double steps = (double) iterations * config.batchSize();
                    final double endToEndS = (iterated - start) * 1e-9;
                    final double samplingS = (sampled - iterated) * 1e-9;
                    System.out.printf(Locale.ROOT, "%-18s %-5s %8d %8d %,18.0f %,20.0f %16.2f%n", task, algorithm,
                        config.batchSize(), config.workers(), steps / samplingS, steps / endToEndS,
                        1e6 * (endToEndS - samplingS) / steps);
                }
            }
        }
    }

    /** Trains PPO on the timed task from a fresh session until the threshold or the step limit. */
    private Reach timeToThreshold(final long seed) {
        final long start = System.nanoTime();
        double collectS = 0.0;
        double updateS = 0.0;
        try (TrainingSession session = TrainingSession.start(config(TIMED_TASK, Algorithm.PPO, seed, maxSteps))) {
            while (true) {
                session.iterate();
                final var metrics = session.protagonist().metrics();
                collectS += metrics.collectSeconds();
                updateS += metrics.updateSeconds();
                final boolean reached = metrics.episodes() >= OnPolicyLearner.RETURN_WINDOW
                    && metrics.meanEpisodicReturn() >= threshold;
                if (reached || session.done()) {
                    return new Reach(seed, reached, metrics.totalSteps(), (System.nanoTime() - start) * 1e-9,
                        collectS, updateS, Double.NaN);
                }
            }
        }
    }

    /** Runs {@link #timeToThreshold} in a child JVM started with this JVM's flags and class path. */
    private Reach inChildJvm(final long seed) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
            () -> new IllegalStateException("cannot tell which java binary runs this JVM")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainingSpeed.class.getName(),
            "--child-seed=" + seed, "--threshold=" + threshold, "--max-steps=" + maxSteps));
        settings.forEach(setting -> command.add("--set=" + setting));
        final long start = System.nanoTime();
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        final int exit = child.waitFor();
        if (exit != 0 || !last.startsWith(REACH)) {
            throw new IllegalStateException("the child JVM for seed " + seed + " exited with " + exit
                + " and printed '" + last + "'; run it by hand: " + String.join(" ", command));
        }
        return Reach.parse(last, (System.nanoTime() - start) * 1e-9);
    }

    private TrainingConfig config(final String task, final Algorithm algorithm, final long seed, final long steps) {
        return TrainingConfig.defaults(task, algorithm, false, seed, steps).with(settings);
    }

    private void report(final String title, final List<Reach> runs) {
        System.out.printf(Locale.ROOT, "%nPPO on %s to a 10-episode mean return >= %.0f, %s%n", TIMED_TASK,
            threshold, title);
        System.out.printf(Locale.ROOT, "%-6s %10s %10s %11s %11s %18s %14s%n", "seed", "steps", "wall s", "collect s",
            "update s", "steps/s (wall)", "JVM process s");
        for (final Reach run : runs) {
            System.out.printf(Locale.ROOT, "%-6d %,10d %10s %11.2f %11.2f %,18.0f %14s%n", run.seed(), run.steps(),
                run.reached() ? String.format(Locale.ROOT, "%.2f", run.wallS()) : "not reached", run.collectS(),
                run.updateS(), run.steps() / run.wallS(),
                Double.isNaN(run.processS()) ? "-" : String.format(Locale.ROOT, "%.2f", run.processS()));
        }
        System.out.printf(Locale.ROOT, "median %,10.0f %10.2f%n",
            median(runs.stream().mapToDouble(run -> run.steps()).toArray()),
            median(runs.stream().mapToDouble(run -> run.reached() ? run.wallS() : Double.POSITIVE_INFINITY)
                .toArray()));
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * One seed's run to the threshold.
     *
     * @param seed     the seed.
     * @param reached  whether the threshold was reached within the step limit.
     * @param steps    environment steps collected.
     * @param wallS    wall time from building the session to the last iteration (s).
     * @param collectS the rollouts' share of it (s).
     * @param updateS  the updates' share of it (s).
     * @param processS the child JVM's whole life, start-up included (s), or NaN when run in this JVM.
     */
    private record Reach(long seed, boolean reached, long steps, double wallS, double collectS, double updateS,
        double processS) {
        String line() {
            return String.format(Locale.ROOT, "%s %d %b %d %.6f %.6f %.6f", REACH, seed, reached, steps, wallS,
                collectS, updateS);
        }

        static Reach parse(final String line, final double processS) {
            final String[] fields = line.split(" ");
            return new Reach(Long.parseLong(fields[1]), Boolean.parseBoolean(fields[2]), Long.parseLong(fields[3]),
                Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Double.parseDouble(fields[6]),
                processS);
        }
    }
}
