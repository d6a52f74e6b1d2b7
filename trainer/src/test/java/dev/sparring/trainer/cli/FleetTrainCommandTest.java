package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.cli.SparringCli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparring fleet train}: a tiny study, its resumption, and bad input refused without a stack trace. */
class FleetTrainCommandTest {
    private static final String FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml").toString();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return TrainerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertRefused(final String message, final String... args) {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run(args), out::toString);
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
    }

    @Test
    void shouldWriteTheStudyAndResumeItWithoutRunningAgain() throws IOException {
        final Path study = dir.resolve("study");
        final String[] args = {"fleet", "train", "--fleet", FLEET, "--robots", "4", "--window", "32", "--steps", "64",
            "--temperature", "1", "--sharing", "none,colearn", "--seeds", "0,1", "--out", study.toString()};
        assertEquals(0, run(args), err::toString);
        assertTrue(out.toString().contains("| colearn-S1 |"), out.toString());
        for (final String file : new String[] {"summary.md", "summary.csv", "curves.png", "study.txt",
            "none/seed-0/metrics.csv", "colearn-S1/seed-1/windows.csv", "groups-colearn-S1-seed0.png"}) {
            assertTrue(Files.isRegularFile(study.resolve(file)), file);
        }
        final String summary = Files.readString(study.resolve("summary.csv"));
        assertEquals(0, run(args), err::toString);
        assertTrue(out.toString().contains("colearn-S1 seed 1: done before, skipped"), out.toString());
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
    }
}
