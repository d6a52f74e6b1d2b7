package dev.sparring.trainer.cli;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.cli.BadInput;
import dev.sparring.trainer.run.CheckpointFile;
import dev.sparring.trainer.run.TrainingRun;
import dev.sparring.trainer.run.TrainingSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer's bad-input corpus through the real command line: {@code config.txt} variants under
 * {@code src/test/resources/badinput/config} (first line {@code # expect: <message>}, then the changes: {@code name =
 * value} replaces a setting, {@code - name} removes it, {@code + line} appends a line) met by {@code --resume}; a
 * run's files damaged or lost (metrics rows, the checkpoint, a NaN inside it); runs of another task in one
 * directory; and option values out of range. Each is refused with a message naming the file or option and the
 * problem, before any training, without a stack trace.
 */
@Timeout(120)
class BadInputTest {
    private static final String EXPECT = "# expect: ";
    private static final String[] TINY = {"--steps", "512", "--set", "envs=2", "--set", "stepsPerEnv=128", "--set",
        "policy.hiddenSizes=8,8", "--set", "ppo.minibatches=4", "--set", "ppo.epochs=1", "--set", "checkpointEvery=1"};

    @TempDir
    static Path trained;

    @TempDir
    Path dir;

    /** Trains the tiny experiments every case starts from: two iterations each, a checkpoint after each. */
    @BeforeAll
    static void trainTinyExperiments() {
        for (final String task : new String[] {"inverted_pendulum", "cartpole_balance"}) {
            final StringWriter err = new StringWriter();
            final List<String> args = new ArrayList<>(List.of("train", "--env", task, "--out",
                trained.resolve(task).toString()));
            args.addAll(List.of(TINY));
            assertEquals(0, TrainerCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)), err::toString);
        }
    }

    static Stream<BadInput> cases() throws IOException, URISyntaxException {
        final List<BadInput> cases = new ArrayList<>(configCorpus());
        cases.addAll(List.of(
            resume("metrics.csv cut to its header", seed -> Files.writeString(seed.resolve("metrics.csv"),
                Files.readAllLines(seed.resolve("metrics.csv")).getFirst() + "\n"), "metrics.csv: holds the rows of "
                + "iterations 1..0, but the checkpoint is at iteration 2: rows were lost"),
            resume("metrics.csv cut inside a row", seed -> {
                final byte[] bytes = Files.readAllBytes(seed.resolve("metrics.csv"));
                Files.write(seed.resolve("metrics.csv"), Arrays.copyOf(bytes, bytes.length - 20));
            }, "metrics.csv: line 3 has"),
            resume("checkpoint deleted", seed -> Files.delete(seed.resolve(TrainingRun.CHECKPOINT_FILE)),
                "seed-0 trained 2 iterations, so it saved a checkpoint, but checkpoint.ckpt is missing"),
            resume("NaN policy inside the checkpoint", BadInputTest::poisonCheckpoint, "checkpoint.ckpt: entry "
                + "'protagonist/policy' value 0 is NaN"),
            new BadInput("--resume a seed directory", d -> new String[] {"train", "--resume",
                copy(d).resolve("baseline").resolve("seed-0").toString()}, "seed-0 is one seed's directory, not an "
                + "experiment's; give its experiment directory, "),
            new BadInput("--out a seed directory", d -> train(copy(d).resolve("baseline").resolve("seed-0"),
                "inverted_pendulum", "0"), "seed-0 is one seed's directory, not an experiment's"),
            new BadInput("--resume a file", d -> new String[] {"train", "--resume",
                copy(d).resolve("baseline").resolve("seed-0").resolve("config.txt").toString()},
                "config.txt is a file; --resume takes the experiment directory"),
            new BadInput("--resume a directory that does not exist", d -> new String[] {"train", "--resume",
                d.resolve("none").toString()}, "experiment directory", "none does not exist"),
            new BadInput("a seed of another task into an experiment", d -> train(copy(d), "cartpole_balance", "1"),
                "holds runs of another configuration: this run differs from", "seed-0 in task (inverted_pendulum → "
                + "cartpole_balance)"),
            new BadInput("--resume an experiment holding runs of two tasks", d -> new String[] {"train", "--resume",
                mixed(d).toString()}, "holds runs of another configuration:", "seed-1 differs from", "seed-0 in task "
                + "(inverted_pendulum → cartpole_balance)"),
            new BadInput("eval an experiment holding policies of two tasks", d -> new String[] {"eval", "--run",
                mixed(d).toString(), "--env", "inverted_pendulum", "--adversary-steps", "0", "--sweep-under",
                "none"}, "was trained on task cartpole_balance, not inverted_pendulum"),
            new BadInput("--set trpo.* on a PPO run", d -> new String[] {"train", "--env", "inverted_pendulum",
                "--out", d.resolve("x").toString(), "--set", "trpo.deltaKl=0.02"}, "--set trpo.deltaKl is a TRPO "
                + "setting, but this run trains with PPO"),
            new BadInput("--adv-fraction without --rarl", d -> new String[] {"train", "--env", "inverted_pendulum",
                "--out", d.resolve("x").toString(), "--adv-fraction", "0.5"}, "--adv-fraction and rarl.adv* set the "
                + "adversary, which only --rarl trains"),
            new BadInput("--steps 0", d -> new String[] {"train", "--env", "inverted_pendulum", "--steps", "0"},
                "--steps must be in [1, "),
            eval("--range 2,1", "--range needs two multipliers 0 < low < high, was [2.0, 1.0]", "--range", "2,1"),
            eval("--range NaN,1", "--range needs two multipliers 0 < low < high, was [NaN, 1.0]", "--range",
                "NaN,1"),
            eval("--points 1", "--points must be in [2, 101], was 1", "--points", "1"),
            eval("--sweep with one axis", "--sweep needs two axes, was [mass]", "--sweep", "mass"),
            eval("--sweep bogus,mass --sweep-under none", "axis 'bogus': plant inverted_pendulum has no parameter "
                + "named 'bogus'", "--sweep", "bogus,mass", "--sweep-under", "none"),
            new BadInput("eval a directory as a policy", d -> new String[] {"eval", "--policy", d.toString(),
                "--env", "inverted_pendulum"}, "is a directory; give a policy file"),
            new BadInput("demo --duration Infinity", d -> new String[] {"demo", "--duration", "Infinity"},
                "--duration must be a number of seconds in (0, 1.0E9], was Infinity"),
            new BadInput("demo --steps 0", d -> new String[] {"demo", "--steps", "0"}, "--steps must be in ["),
            new BadInput("demo --pendulum --steps 0", d -> new String[] {"demo", "--pendulum", "--steps", "0"},
                "--steps must be in ["),
            new BadInput("demo --points 1", d -> new String[] {"demo", "--points", "1"}, "--points must be in [2, "),
            lqr("policy lqr --r -1", d -> d.resolve("lqr.policy"), "--r", "-1", "--r",
                "must be a finite number > 0"),
            lqr("policy lqr --q NaN", d -> d.resolve("lqr.policy"), "--q", "NaN,1,1,1", "--q",
                "must be a finite number >= 0"),
            lqr("policy lqr --out a directory", d -> d, "--q", "10,100,1,1", "is a directory; give a file name to "
                + "write")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseWithAMessageNamingTheFileOrOptionAndTheProblemBeforeTraining(final BadInput input) {
        input.assertRefusedBy(TrainerCli::execute, dir);
    }

    private static List<BadInput> configCorpus() throws IOException, URISyntaxException {
        final Path corpus = Path.of(BadInputTest.class.getResource("/badinput/config").toURI());
        final List<BadInput> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (final Path file : files.sorted().toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                final int newline = indexOf(bytes, (byte) '\n');
                final String first = new String(bytes, 0, newline, StandardCharsets.UTF_8);
                assertTrue(first.startsWith(EXPECT), file + " must start with '" + EXPECT + "<message>'");
                final List<String> changes = new String(bytes, newline + 1, bytes.length - newline - 1,
                    StandardCharsets.ISO_8859_1).lines().toList();
                cases.add(resume(file.getFileName().toString(), seed -> edit(seed.resolve("config.txt"), changes),
                    "config.txt", first.substring(EXPECT.length())));
            }
        }
        assertTrue(cases.size() >= 8, "the corpus is on the class path");
        return cases;
    }

    /** A {@code --resume} of a copy of the experiment whose (unfinished) seed 0 was changed first. */
    private static BadInput resume(final String name, final Change change, final String... expected) {
        return new BadInput(name, d -> {
            final Path experiment = copy(d);
            final Path seed = experiment.resolve("baseline").resolve("seed-0");
            try {
                Files.delete(seed.resolve(TrainingRun.POLICY_FILE));
                change.apply(seed);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"train", "--resume", experiment.toString()};
        }, expected);
    }

    /** {@code policy lqr} on the bundled cart-pole, writing to the file {@code out} gives for the scratch directory. */
    private static BadInput lqr(final String name, final UnaryOperator<Path> out,
        final String option, final String value, final String... expected) {
        return new BadInput(name, d -> new String[] {"policy", "lqr", "--robot",
            CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString(), "--out",
            out.apply(d).toString(), "--force", option, value}, expected);
    }

    private static BadInput eval(final String name, final String expected, final String... options) {
        return new BadInput("eval " + name, d -> {
            final List<String> args = new ArrayList<>(List.of("eval", "--run", copy(d).toString(),
                "--adversary-steps", "0", "--episodes", "1"));
            args.addAll(List.of(options));
            if (!args.contains("--sweep-under")) {
                args.addAll(List.of("--sweep-under", "none"));
            }
            return args.toArray(String[]::new);
        }, expected);
    }

    private static String[] train(final Path experiment, final String task, final String seed) {
        final List<String> args = new ArrayList<>(List.of("train", "--env", task, "--seeds", seed, "--out",
            experiment.toString()));
        args.addAll(List.of(TINY));
        return args.toArray(String[]::new);
    }

    private static void edit(final Path config, final List<String> changes) throws IOException {
        final List<String> lines = new ArrayList<>(Files.readAllLines(config, StandardCharsets.ISO_8859_1));
        for (final String change : changes) {
            if (change.startsWith("+ ")) {
                lines.add(change.substring(2));
            } else if (change.startsWith("- ")) {
                lines.removeIf(line -> line.startsWith(change.substring(2) + " ="));
            } else {
                final String name = change.substring(0, change.indexOf('=')).strip();
                lines.replaceAll(line -> line.startsWith(name + " =") ? change : line);
            }
        }
        Files.write(config, lines, StandardCharsets.ISO_8859_1);
    }

    /** Sets the protagonist's parameters to NaN in the checkpoint, as a run that diverged would have saved them. */
    private static void poisonCheckpoint(final Path seed) throws IOException {
        try (TrainingSession session = TrainingRun.resume(seed)) {
            final double[] parameters = new double[session.protagonistPolicy().parameterCount()];
            Arrays.fill(parameters, Double.NaN);
            session.protagonistPolicy().setParameters(parameters, 0);
            CheckpointFile.write(seed.resolve(TrainingRun.CHECKPOINT_FILE), session.checkpoint());
        }
    }

    /** The inverted pendulum's experiment with the cart-pole's seed 0 copied in as its seed 1. */
    private static Path mixed(final Path scratch) {
        final Path experiment = copy(scratch);
        copyTree(trained.resolve("cartpole_balance").resolve("baseline").resolve("seed-0"),
            experiment.resolve("baseline").resolve("seed-1"));
        return experiment;
    }

    private static Path copy(final Path scratch) {
        final Path experiment = scratch.resolve("experiment");
        copyTree(trained.resolve("inverted_pendulum"), experiment);
        return experiment;
    }

    private static void copyTree(final Path from, final Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path file : files.toList()) {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(final byte[] bytes, final byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return bytes.length;
    }

    /** A change to a seed directory's files. */
    @FunctionalInterface
    private interface Change {
        void apply(Path seed) throws IOException;
    }
}
