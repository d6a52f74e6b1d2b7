package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.cli.SparringCli;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.trainer.run.RobustnessStudy;
import dev.sparring.trainer.run.TrainingRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training command line end to end on a tiny budget, and bad input turned into one clear line, exit code 2. */
class TrainerCliTest {
    private static final String[] TINY = {"--set", "envs=2", "--set", "stepsPerEnv=128", "--set",
        "policy.hiddenSizes=8,8", "--set", "ppo.minibatches=4", "--set", "ppo.epochs=2"};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return TrainerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void shouldTrainBothMethodsExportAndPlotThenEvaluateTheRun() throws IOException {
        final Path experiment = dir.resolve("ip");
        assertEquals(0, run(concat(new String[] {"train", "--env", "inverted_pendulum", "--rarl", "--with-baseline",
            "--seeds", "0,1", "--steps", "512", "--out", experiment.toString()}, TINY)), err.toString());
        for (final String method : new String[] {"baseline", "rarl"}) {
            for (final String seed : new String[] {"seed-0", "seed-1"}) {
                final Path run = experiment.resolve(method).resolve(seed);
                for (final String file : new String[] {TrainingRun.CONFIG_FILE, TrainingRun.METRICS_FILE,
                    TrainingRun.CHECKPOINT_FILE, TrainingRun.POLICY_FILE, TrainingRun.ONNX_FILE}) {
                    assertTrue(Files.isRegularFile(run.resolve(file)), run.resolve(file) + " missing");
                }
                assertEquals("inverted_pendulum", PolicyReader.read(run.resolve(TrainingRun.POLICY_FILE)).metadata()
                    .get("task"));
            }
        }
        assertTrue(Files.size(experiment.resolve("plots").resolve("learning_curves.png")) > 1000);
        assertTrue(out.toString().matches("(?s).*\nrarl     final mean return -?\\d+\\.\\d ± \\d+\\.\\d over 2 "
            + "seeds\n.*"), out.toString());

        assertEquals(0, run("eval", "--run", experiment.toString(), "--points", "2", "--episodes", "1",
            "--adversary-steps", "256"), err.toString());
        for (final String condition : new String[] {"sweep, no force", "sweep, random forces",
            "sweep, trained adversary"}) {
            assertTrue(out.toString().matches("(?s).*" + condition + "\\s+-?\\d+\\.\\d ± \\d+\\.\\d.*"),
                out.toString());
        }
        for (final String disturbance : new String[] {"none", "random", "adversary"}) {
            assertTrue(Files.isRegularFile(experiment.resolve("plots").resolve("robustness_" + disturbance + ".png")));
            assertTrue(Files.isRegularFile(experiment.resolve("sweep_rarl_" + disturbance + ".csv")));
        }
        final List<RobustnessStudy.MethodResult> stored = RobustnessStudy.read(experiment);
        assertEquals(List.of("baseline", "rarl"), stored.stream().map(RobustnessStudy.MethodResult::method).toList());
        assertEquals(List.of("nominal", "random forces", "trained adversary", "sweep, no force",
            "sweep, random forces", "sweep, trained adversary"), List.copyOf(stored.get(1).perSeed().keySet()));
        assertEquals(2, stored.get(1).perSeed().get("sweep, no force").length, "one value per seed");
        assertTrue(out.toString().contains(String.format(Locale.ROOT, "%.1f ± %.1f",
            stored.get(1).mean("sweep, no force"), stored.get(1).std("sweep, no force"))), "the printed table's "
            + "numbers are the stored ones");
        assertEquals(3, stored.get(1).sweeps().size());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("eval", "--run", experiment.toString(), "--sweep-under",
            "adversary", "--adversary-steps", "0"));
        assertTrue(err.toString().contains("a sweep under a trained adversary needs adversary steps > 0"),
            err.toString());
    }

    @Test
    void shouldPrintOneSeedsFinalReturnWithoutASpread() {
        assertEquals(0, run(concat(new String[] {"train", "--env", "inverted_pendulum", "--steps", "512", "--out",
            dir.resolve("one").toString()}, TINY)), err.toString());
        assertTrue(out.toString().matches("(?s).*\nbaseline final mean return -?\\d+\\.\\d \\(1 seed\\)\n.*"),
            out.toString());
        assertFalse(out.toString().contains("±"), out.toString());
    }

    @Test
    void shouldRejectAnUnknownTaskAndAlgorithm() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--env", "Hopper-v5"));
        assertTrue(err.toString().contains("no task named 'Hopper-v5'; Hopper-v4 is (hopper): Gymnasium's v5 tasks "
            + "are not aliases"), err.toString());
        assertTrue(err.toString().contains("; expected one of [pendulum_swingup"), err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--env", "reacher", "--algo", "sac"));
        assertTrue(err.toString().contains("no algorithm named 'sac'; expected one of [ppo, trpo]"), err.toString());
    }

    @Test
    void shouldRejectInconsistentHyperparameters() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--env", "reacher", "--set", "ppo.minibatches=30"));
        assertTrue(err.toString().contains("ppo.minibatches must divide the batch size 2048, was 30"),
            err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--env", "reacher", "--set", "ppo.epoch=3"));
        assertTrue(err.toString().contains("--set ppo.epoch=3: expected name=value with a name from"),
            err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--env", "reacher", "--set", "workers=9"));
        assertTrue(err.toString().contains("workers must be in [1, envs = 8], was 9"), err.toString());
    }

    @Test
    void shouldRefuseToMixARunWithOtherSettingsIntoAnExperimentDirectory() {
        final Path experiment = dir.resolve("ip");
        assertEquals(0, run(concat(new String[] {"train", "--env", "inverted_pendulum", "--steps", "256", "--out",
            experiment.toString()}, TINY)), err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run(concat(new String[] {"train", "--env", "inverted_pendulum",
            "--steps", "512", "--out", experiment.toString()}, TINY)));
        assertTrue(err.toString().contains("holds runs of another configuration: this run differs from "
            + experiment.resolve("baseline").resolve("seed-0") + " in totalSteps (256 → 512)"), err.toString());
    }

    @Test
    void shouldExtendAFinishedExperimentsBudgetOnResumeButNeverShortenIt() throws IOException {
        final Path experiment = dir.resolve("ip");
        assertEquals(0, run(concat(new String[] {"train", "--env", "inverted_pendulum", "--steps", "256", "--out",
            experiment.toString()}, TINY)), err.toString());
        final Path run = experiment.resolve("baseline").resolve("seed-0");
        assertEquals(2, Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE)).size());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--resume", experiment.toString(), "--steps", "128"));
        assertTrue(err.toString().contains("--steps 128 is less than the 256 steps the runs in " + experiment
            + " were started with; --resume can extend a budget, not shorten it"), err.toString());
        assertEquals(0, run("train", "--resume", experiment.toString(), "--steps", "768"), err.toString());
        final List<String> rows = Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE));
        assertEquals(4, rows.size(), rows::toString);
        assertTrue(rows.get(3).startsWith("3,768,"), rows::toString);
        assertTrue(Files.readString(run.resolve(TrainingRun.CONFIG_FILE)).contains("totalSteps = 768\n"));
        assertEquals(0, run("train", "--resume", experiment.toString(), "--steps", "768"), err.toString());
        assertTrue(out.toString().contains(run + ": already trained"), out::toString);
    }

    @Test
    void shouldTrainFromAConfigFileWithOptionsOverridingIt() throws IOException {
        final Path file = dir.resolve("run.yaml");
        Files.writeString(file, """
            task: inverted_pendulum
            seed: 5
            totalSteps: 256
            envs: 2
            stepsPerEnv: 128
            policy.hiddenSizes: [8, 8]
            ppo:
              minibatches: 4
              epochs: 2
            """);
        final Path experiment = dir.resolve("from-file");
        assertEquals(0, run("train", "--config", file.toString(), "--steps", "512", "--set", "ppo.epochs=3", "--out",
            experiment.toString()), err.toString());
        final String config = Files.readString(experiment.resolve("baseline").resolve("seed-5")
            .resolve(TrainingRun.CONFIG_FILE));
        assertTrue(config.contains("totalSteps = 512\n"), config);
        assertTrue(config.contains("ppo.epochs = 3\n"), config);
        assertTrue(config.contains("ppo.minibatches = 4\n"), config);
        assertFalse(config.contains("trpo."), config);
        Files.writeString(file, "task: inverted_pendulum\nppo:\n  epochs: two\n");
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--config", file.toString()));
        assertTrue(err.toString().contains(file + " line 3: setting 'ppo.epochs' = 'two' is not a valid int"),
            err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void shouldRejectACorruptCheckpointOnResume() throws IOException {
        final Path experiment = dir.resolve("ip");
        assertEquals(0, run(concat(new String[] {"train", "--env", "inverted_pendulum", "--steps", "256", "--out",
            experiment.toString()}, TINY)), err.toString());
        final Path run = experiment.resolve("baseline").resolve("seed-0");
        Files.delete(run.resolve(TrainingRun.POLICY_FILE));
        final byte[] bytes = Files.readAllBytes(run.resolve(TrainingRun.CHECKPOINT_FILE));
        bytes[bytes.length / 3] ^= 1;
        Files.write(run.resolve(TrainingRun.CHECKPOINT_FILE), bytes);
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--resume", experiment.toString()));
        assertTrue(err.toString().contains("is corrupt or truncated (checksum mismatch)"), err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("train", "--resume", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("experiment directory " + dir.resolve("nothing") + " does not exist"),
            err.toString());
    }
}
