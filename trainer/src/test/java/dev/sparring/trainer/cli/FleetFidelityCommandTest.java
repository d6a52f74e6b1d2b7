package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.cli.SparringCli;
import dev.sparring.controller.log.DamagedQueues;
import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.hal.random.SplitMix64;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparring fleet fidelity} on real Chronicle logs of planted linear systems: pairs of the same system have small
 * m and small D_C, so the two correlate; missing, too short and other-layout logs are reported, the rest analysed.
 */
class FleetFidelityCommandTest {
    private static final long PERIOD_NS = 1_000_000;
    private static final int STEPS = 400;
    /** System A: {@code s' = A s + B a + σ ε}, {@code r = s_0}. */
    private static final double[][] A = {{0.9, 0.1, 0.0, 0.8}, {0.0, 0.5}, {0.0, 0.0}, {1.0, 0.0, 0.0}};
    /** System B: other dynamics, offset and reward. */
    private static final double[][] B = {{0.6, -0.4, 0.3, 0.7}, {0.4, 0.1}, {0.2, 0.0}, {0.0, 1.0, 0.5}};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return TrainerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A robot of a planted two-state, one-action system, one episode of {@code steps} steps at 1 kHz. */
    private static void writeSystem(final Path log, final double[][] system, final int steps, final long seed) {
        final SplitMix64 random = new SplitMix64(seed);
        try (ExperienceLog experience = new ExperienceLog(ExperienceLogConfig.defaults(log), seed, 1L, 1, 2, 1, 0)) {
            final ExperienceRecorder recorder = experience.recorder();
            recorder.episodeStart(0, 1);
            double[] s = {random.nextGaussian(), random.nextGaussian()};
            for (int t = 0; t < steps; t++) {
                final double[] a = {random.nextGaussian()};
                final double[] w = system[3];
                final double reward = w[0] * s[0] + w[1] * s[1] + w[2] * a[0];
                recorder.step(t * PERIOD_NS, 1, t, s, a, null, reward, Double.NaN, 0);
                final double[] m = system[0];
                s = new double[] {
                    m[0] * s[0] + m[1] * s[1] + system[1][0] * a[0] + system[2][0] + 0.05 * random.nextGaussian(),
                    m[2] * s[0] + m[3] * s[1] + system[1][1] * a[0] + system[2][1] + 0.05 * random.nextGaussian()};
            }
            recorder.episodeEnd(steps * PERIOD_NS, 1, steps, ExperienceRecordFlyweight.FLAG_TRUNCATED);
            experience.finish();
        }
    }

    /** A robot of another layout: three observations, random walk. */
    private static void writeThreeObservations(final Path log, final long seed) {
        final SplitMix64 random = new SplitMix64(seed);
        try (ExperienceLog experience = new ExperienceLog(ExperienceLogConfig.defaults(log), seed, 1L, 1, 3, 1, 0)) {
            final ExperienceRecorder recorder = experience.recorder();
            for (int t = 0; t < STEPS; t++) {
                recorder.step(t * PERIOD_NS, 1, t, new double[] {random.nextGaussian(), random.nextGaussian(),
                    random.nextGaussian()}, new double[] {random.nextGaussian()}, null, random.nextGaussian(),
                    Double.NaN, 0);
            }
            experience.finish();
        }
    }

    /** The table row of {@code window} in the section that starts with {@code heading}, split into its cells. */
    private String[] row(final String heading, final String window) {
        final String text = out.toString();
        final int section = text.indexOf(heading);
        assertTrue(section >= 0, "no section '" + heading + "' in:\n" + text);
        final int at = text.indexOf("\n| " + window + " |", section);
        assertTrue(at >= 0, "no row '" + window + "' in:\n" + text);
        final String line = text.substring(at + 1, text.indexOf('\n', at + 1));
        final String[] cells = line.substring(1, line.length() - 1).split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    @Test
    void shouldCorrelateModelDivergenceWithContextDistanceOnLogsOfTwoPlantedSystems() throws IOException {
        final Path fleet = dir.resolve("logs");
        for (int i = 0; i < 3; i++) {
            writeSystem(fleet.resolve("a" + i), A, STEPS, 10 + i);
            writeSystem(fleet.resolve("b" + i), B, STEPS, 20 + i);
        }
        final Path report = dir.resolve("report").resolve("fidelity.md");
        assertEquals(0, run("fleet", "fidelity", "--logs", fleet.toString(), "--out", report.toString()),
            err::toString);
        final String[] all = row("## 2 observations, 1 action: 6 robots", "all");
        assertEquals("6", all[1], "robots compared");
        assertEquals("15", all[2], "pairs");
        assertTrue(Double.parseDouble(all[3]) > 0.5, "Pearson " + all[3]);
        assertTrue(Double.parseDouble(all[4]) > 0.5, "Spearman " + all[4]);
        assertEquals("pooled over 1 window", all[5]);
        assertEquals("6", row("## 2 observations", "0")[1], "the whole log is one window");
        assertTrue(out.toString().startsWith(Files.readString(report)), "the file holds the printed report");
    }

    @Test
    void shouldReportMissingDamagedShortAndOtherLayoutLogsAndAnalyseTheRestPerWindow() {
        final Path fleet = dir.resolve("logs");
        for (int i = 0; i < 2; i++) {
            writeSystem(fleet.resolve("a" + i), A, STEPS, 10 + i);
            writeSystem(fleet.resolve("b" + i), B, STEPS, 20 + i);
            writeThreeObservations(fleet.resolve("c" + i), 30 + i);
        }
        writeSystem(fleet.resolve("short"), A, 3, 40);
        writeSystem(fleet.resolve("d0"), A, STEPS, 50);
        final Path file = DamagedQueues.cycleFile(fleet.resolve("d0"));
        DamagedQueues.flipBit(file, DamagedQueues.excerptPositions(file).get(50) + 4
            + ExperienceRecordFlyweight.HEADER_LENGTH + 5, 3);
        assertEquals(0, run("fleet", "fidelity", "--logs", fleet.toString(), dir.resolve("nowhere").toString(),
            "--window-s", "0.2"), err::toString);
        final String text = out.toString();
        assertFalse(text.contains("\tat ") || err.toString().contains("\tat "), "no stack trace:\n" + text + err);
        assertTrue(text.contains("- nowhere: missing: "), text);
        assertTrue(text.contains("Robots of 2 layouts"), text);
        final String layout = "## 2 observations, 1 action: 6 robots";
        final String[] first = row(layout, "0");
        assertEquals("4", first[1], "a0, a1, b0, b1 compared in window 0");
        assertEquals("6", first[2]);
        assertEquals("d0: robot 'd0': its log is damaged in this window (1 damaged place(s); see the warnings); "
            + "short: insufficient data: 2 tuples, need 5", first[5]);
        assertEquals("5", row(layout, "1")[1], "window 1: 200 more steps each, d0 undamaged there");
        assertEquals("16", row(layout, "all")[2], "pairs of both windows");
        assertTrue(text.contains("## Warnings\n\n- d0: experience log "), text);
        assertTrue(text.contains("fails its CRC-32C checksum"), text);
        final String[] other = row("## 3 observations, 1 action: 2 robots", "0");
        assertEquals("2", other[1], "c0 and c1, compared with each other only");
        assertEquals("1", other[2]);
        assertEquals("—", other[3], "one pair gives no correlation");
    }

    @Test
    void shouldRefuseWhenNoLogIsFoundOrBothWindowOptionsAreGiven() throws IOException {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("fleet", "fidelity", "--logs", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("--logs: no experience log with steps"), err.toString());
        assertTrue(err.toString().contains("nowhere: missing"), err.toString());
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("fleet", "fidelity", "--logs", dir.resolve("empty").toString(),
            "--window-s", "1", "--whole"));
        assertTrue(err.toString().contains("--window-s and --whole exclude each other"), err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("fleet", "fidelity", "--logs", dir.toString(), "--window-s",
            "0"));
        assertTrue(err.toString().contains("--window-s must be a number in"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
    }
}
