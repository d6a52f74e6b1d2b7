package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparring fleet train}: a tiny study, its resumption, and bad input refused without a stack trace. */
class FleetTrainCommandTest {
    private static final String FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml").toString();

    private final TrainerCliRun cli = new TrainerCliRun();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return cli.run(args);
    }

    private void assertRefused(final String message, final String... args) {
        cli.assertRefused(message, args);
    }

    @Test
    void shouldWriteTheStudyAndResumeItWithoutRunningAgain() throws IOException {
        final Path study = dir.resolve("study");
        final String[] args = {"fleet", "train", "--fleet", FLEET, "--robots", "4", "--window", "32", "--steps", "64",
            "--temperature", "1", "--sharing", "none,colearn", "--seeds", "0,1", "--out", study.toString()};
        assertEquals(0, run(args), cli::err);
        assertTrue(cli.out().contains("| colearn-S1 |"), cli.out());
        for (final String file : new String[] {"summary.md", "summary.csv", "curves.png", "study.txt",
            "none/seed-0/metrics.csv", "colearn-S1/seed-1/windows.csv", "groups-colearn-S1-seed0.png"}) {
            assertTrue(Files.isRegularFile(study.resolve(file)), file);
        }
        final String summary = Files.readString(study.resolve("summary.csv"));
        assertEquals(0, run(args), cli::err);
        assertTrue(cli.out().contains("colearn-S1 seed 1: done before, skipped"), cli.out());
        assertEquals(summary, Files.readString(study.resolve("summary.csv")), "resumed from the finished runs");
        assertRefused("holds a study of other settings", "fleet", "train", "--fleet", FLEET, "--robots", "4",
            "--window", "32", "--steps", "96", "--seeds", "0", "--sharing", "none", "--out", study.toString());
    }

    @Test
    void shouldRefuseBadOptions() {
        assertRefused("--robots must be in [2, 4096], was 1", "fleet", "train", "--robots", "1");
        assertRefused("--sharing: sharing must be one of", "fleet", "train", "--sharing", "some");
        assertRefused("--types must be in [1, 4]", "fleet", "train", "--fleet", FLEET, "--types", "9");
        assertRefused("fleet description nowhere.yaml", "fleet", "train", "--fleet", "nowhere.yaml");
        assertRefused("--steps must be", "fleet", "train", "--window", "100", "--steps", "10");
        assertRefused("--epochs must be in [1, 1000], was 0", "fleet", "train", "--epochs", "0");
        assertRefused("--window must be a multiple of ppo.minibatches = 4", "fleet", "train", "--fleet", FLEET, "--window", "30");
    }
}
