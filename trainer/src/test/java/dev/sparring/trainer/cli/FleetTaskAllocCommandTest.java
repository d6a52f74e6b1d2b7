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

/** {@code sparring fleet taskalloc}: a tiny study, its resumption, and bad input refused without a stack trace. */
class FleetTaskAllocCommandTest {
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
    void shouldWriteTheStudyAndResumeItWithTheSameNumbers() throws IOException {
        final Path study = dir.resolve("study");
        final String[] args = {"fleet", "taskalloc", "--agents", "16", "--supervisors", "1,4", "--window", "40",
            "--time", "400", "--seeds", "0-1", "--out", study.toString()};
        assertEquals(0, run(args), err::toString);
        assertTrue(out.toString().contains("| colearn | 4 |"), out.toString());
        for (final String file : new String[] {"summary.md", "summary.csv", "curves-S1.png", "curves-S4.png",
            "relative-auc.png", "seeds/seed-0-curves.csv", "seeds/seed-1-runs.csv", "study.txt"}) {
            assertTrue(Files.isRegularFile(study.resolve(file)), file);
        }
        final String summary = Files.readString(study.resolve("summary.csv"));
        assertEquals(0, run(args), err::toString);
        assertEquals(summary, Files.readString(study.resolve("summary.csv")), "resumed from the per-seed files");
        assertRefused("holds a different study", "fleet", "taskalloc", "--agents", "16", "--supervisors", "1",
            "--window", "40", "--time", "400", "--seeds", "0", "--out", study.toString());
    }

    @Test
    void shouldRefuseBadOptions() {
        assertRefused("--agents must be a square number", "fleet", "taskalloc", "--agents", "99");
        assertRefused("--supervisors must be in [1, 16]", "fleet", "taskalloc", "--agents", "16", "--supervisors",
            "0");
        assertRefused("--seeds must be a range", "fleet", "taskalloc", "--seeds", "a-b");
        assertRefused("--sharing: sharing must be none, all, random or colearn", "fleet", "taskalloc", "--sharing",
            "some");
        assertRefused("add colearn", "fleet", "taskalloc", "--sharing", "none,random");
        assertRefused("--time must be in", "fleet", "taskalloc", "--window", "50", "--time", "10");
    }
}
