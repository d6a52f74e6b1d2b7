package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparring fleet taskalloc}: a tiny study, its resumption, and bad input refused without a stack trace. */
class FleetTaskAllocCommandTest {
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
    void shouldWriteTheStudyAndResumeItWithTheSameNumbers() throws IOException {
        final Path study = dir.resolve("study");
        final String[] args = {"fleet", "taskalloc", "--agents", "16", "--supervisors", "1,4", "--window", "40",
            "--time", "400", "--seeds", "0-1", "--out", study.toString()};
        assertEquals(0, run(args), cli::err);
        assertTrue(cli.out().contains("| colearn | 4 |"), cli.out());
        for (final String file : new String[] {"summary.md", "summary.csv", "curves-S1.png", "curves-S4.png",
            "relative-auc.png", "seeds/seed-0-curves.csv", "seeds/seed-1-runs.csv", "study.txt"}) {
            assertTrue(Files.isRegularFile(study.resolve(file)), file);
        }
        final String summary = Files.readString(study.resolve("summary.csv"));
        assertEquals(0, run(args), cli::err);
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
