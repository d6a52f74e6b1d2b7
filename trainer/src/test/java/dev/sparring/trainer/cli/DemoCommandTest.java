package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.env.Tasks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparring demo} end to end at a small budget (a 2 × 2 grid, one episode per cell, one PPO iteration, a fraction
 * of a second in the controller): the MuJoCo demo over the bundled Hopper policies, and the inverted-pendulum demo
 * that runs where libmujoco is missing, whose single seeds are printed without a spread.
 */
class DemoCommandTest {
    /** A mean ± std over seeds, then Welch's t with its degrees of freedom. */
    private static final Pattern COMPARED = Pattern.compile("-?\\d+\\.\\d ± \\d+\\.\\d\\s+-?\\d+\\.\\d ± \\d+\\.\\d"
        + "\\s+[+-]\\d+\\.\\d\\d \\(df \\d+\\.\\d, p \\d\\.\\d{3}\\)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int demo(final String... args) {
        final String home = System.getProperty("sparring.home");
        System.setProperty("sparring.home", CartPoleRig.ROOT.toString());
        try {
            final String[] all = new String[args.length + 3];
            all[0] = "demo";
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = "--out";
            all[args.length + 2] = dir.toString();
            return TrainerCli.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            if (home == null) {
                System.clearProperty("sparring.home");
            } else {
                System.setProperty("sparring.home", home);
            }
        }
    }

    @Test
    void shouldCompareTheBundledHopperPoliciesTrainLiveAndRunRarlOnTheMujocoBackend() throws Exception {
        Assumptions.assumeTrue(DemoCommand.mujocoUnavailable(() -> Tasks.create("hopper", 0.0)) == null,
            "MuJoCo plants unavailable");
        assertEquals(0, demo("--steps", "2048", "--points", "2", "--episodes", "1", "--duration", "0.2"),
            err.toString());
        final String text = out.toString();
        assertTrue(text.contains("baseline (5 seeds)") && text.contains("rarl (5 seeds)"), text);
        assertTrue(text.contains("Welch's t (rarl − baseline)"), text);
        for (final String condition : new String[] {"nominal", "random forces", "sweep, no force"}) {
            assertTrue(Pattern.compile("\n" + condition + "\\s+" + COMPARED.pattern()).matcher(text).find(),
                condition + ": " + text);
        }
        assertFalse(text.contains("trained adversary"), "no adversary is trained in the demo: " + text);
        assertTrue(Files.size(dir.resolve("plots").resolve("robustness_none.png")) > 1000);
        assertTrue(Files.isRegularFile(dir.resolve("live").resolve("baseline").resolve("seed-0")
            .resolve("policy.policy")), text);
        assertTrue(text.contains("running hopper (backend mujoco) with policy 'hopper-ppo-rarl-seed0'"), text);
        assertTrue(text.contains("faults           0"), text);
    }

    @Test
    void shouldPrintTheSingleSeedPendulumDemoWithoutASpread() {
        assertEquals(0, demo("--pendulum", "--steps", "4096", "--points", "2", "--episodes", "1", "--duration",
            "0.2"), err.toString());
        final String text = out.toString();
        assertTrue(text.contains("baseline (1 seed)") && text.contains("rarl (1 seed)"), text);
        assertTrue(Pattern.compile(
            "\nnominal\\s+-?\\d+\\.\\d \\(1 seed\\)\\s+-?\\d+\\.\\d \\(1 seed\\)\\s+n/a\n").matcher(text).find(), text);
        assertFalse(text.contains("± 0.0"), text);
        assertTrue(text.contains("running inverted_pendulum (backend sim)"), text);
    }

    @Test
    void shouldSayWhyMujocoIsUnavailable() {
        assertEquals("task hopper needs libmujoco2.2.2", DemoCommand.mujocoUnavailable(() -> {
            throw new ConfigException("task hopper needs libmujoco2.2.2");
        }));
        assertNull(DemoCommand.mujocoUnavailable(() -> Tasks.create("inverted_pendulum", 0.0)));
    }
}
