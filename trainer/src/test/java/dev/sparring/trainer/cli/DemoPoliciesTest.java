package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.ChildJvm;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.run.RecordText;
import dev.sparring.trainer.run.TrainingConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the demo's bundled Hopper policies ({@code policies/hopper}) honest: {@code trainer/studies/demo-policies.sh}
 * is re-run with the options its {@code MANIFEST.txt} records, at a budget of one iteration and one seed, and what it
 * writes must be what the bundle holds but for the budget: every setting but {@code totalSteps}, the network's shape
 * and activations, the observation clip, the action scaling and limits, and every metadata entry but {@code steps}.
 * So a change to the training command, the task or the exporter that the bundle does not follow fails here, naming
 * the script to run. The bundle itself must match its manifest (checksums, budget, seeds). Skipped, with the reason,
 * where libmujoco is not installed.
 */
class DemoPoliciesTest {
    private static final Path BUNDLE = CartPoleRig.ROOT.resolve("policies/hopper");
    private static final Path SCRIPT = CartPoleRig.ROOT.resolve("trainer/studies/demo-policies.sh");
    private static final String[] METHODS = {"baseline", "rarl"};
    /** One PPO iteration at the default 8 environments × 256 steps. */
    private static final String SMALL_STEPS = "2048";
    private static final String STALE = "; the bundle no longer matches what its command writes: remake it with "
        + "trainer/studies/demo-policies.sh (the invocation is in policies/hopper/MANIFEST.txt)";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMujoco() {
        try (Env _ = Tasks.create("hopper", 0.0)) {
            // made and closed: the MuJoCo plants are available
        } catch (final RuntimeException unavailable) {
            Assumptions.assumeTrue(false, "MuJoCo plants unavailable: " + unavailable.getMessage());
        }
    }

    @Test
    void shouldWriteWhatTheBundleHoldsButForTheBudgetWhenTheScriptIsRerunSmall() throws Exception {
        final Map<String, String> manifest = manifest();
        final Path out = dir.resolve("out");
        final List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), out.toString(), SMALL_STEPS,
            "--seeds", "0", "--work", dir.resolve("work").toString()));
        final String options = manifest.get("options");
        if (!options.isBlank()) {
            command.addAll(List.of(options.strip().split("\\s+")));
        }
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARRING", trainerLauncher().toString());
        final Process script = builder.start();
        final String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, script.exitValue(), output);

        for (final String method : METHODS) {
            final Map<String, String> fresh = configSettings(out.resolve(method).resolve("seed-0.config.txt"));
            assertEquals(SMALL_STEPS, fresh.remove("totalSteps"));
            final PolicyModel freshPolicy = PolicyReader.read(out.resolve(method).resolve("seed-0.policy"));
            for (final String seed : manifest.get("seeds").split(",")) {
                final Path config = BUNDLE.resolve(method).resolve("seed-" + seed + ".config.txt");
                final Map<String, String> bundled = configSettings(config);
                assertEquals(manifest.get("steps"), bundled.remove("totalSteps"), config + " against the manifest");
                assertEquals(seed, bundled.remove("seed"));
                final Map<String, String> expected = new LinkedHashMap<>(fresh);
                expected.remove("seed");
                assertEquals(expected, bundled, config + STALE);
                assertSameButBudget(freshPolicy, BUNDLE.resolve(method).resolve("seed-" + seed + ".policy"), seed,
                    Long.parseLong(manifest.get("steps")));
            }
        }
    }

    @Test
    void shouldHoldTheFilesItsManifestListsWithTheirChecksums() throws IOException, NoSuchAlgorithmException {
        final List<String> listed = Files.readAllLines(BUNDLE.resolve("MANIFEST.txt")).stream()
            .filter(line -> line.startsWith("sha256 = ")).map(line -> line.substring("sha256 = ".length())).toList();
        final String[] seeds = manifest().get("seeds").split(",");
        assertTrue(seeds.length >= 5, "the demo's comparison needs at least 5 seeds per method, the manifest has "
            + seeds.length);
        assertEquals(METHODS.length * seeds.length, listed.size(), "one checksum per policy: " + listed);
        for (final String entry : listed) {
            final String[] hashAndFile = entry.split(" ");
            final byte[] bytes = Files.readAllBytes(BUNDLE.resolve(hashAndFile[1]));
            assertEquals(hashAndFile[0], HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                hashAndFile[1] + " is not the file the manifest lists" + STALE);
        }
    }

    private static void assertSameButBudget(final PolicyModel fresh, final Path bundledFile, final String seed,
        final long steps) throws IOException {
        final PolicyModel bundled = PolicyReader.read(bundledFile);
        final String where = bundledFile + STALE;
        assertEquals(fresh.observationSize(), bundled.observationSize(), where);
        assertEquals(fresh.layerCount(), bundled.layerCount(), where);
        for (int layer = 0; layer < fresh.layerCount(); layer++) {
            assertEquals(fresh.layerSize(layer), bundled.layerSize(layer), where);
            assertEquals(fresh.activation(layer), bundled.activation(layer), where);
        }
        assertEquals(fresh.observationClip(), bundled.observationClip(), where);
        assertArrayEquals(fresh.actionScale(), bundled.actionScale(), where);
        assertArrayEquals(fresh.actionOffset(), bundled.actionOffset(), where);
        assertArrayEquals(fresh.actionLow(), bundled.actionLow(), where);
        assertArrayEquals(fresh.actionHigh(), bundled.actionHigh(), where);
        final Map<String, String> expected = new LinkedHashMap<>(fresh.metadata());
        final Map<String, String> actual = new LinkedHashMap<>(bundled.metadata());
        assertTrue(Long.parseLong(actual.remove("steps")) >= steps, bundledFile + " trained fewer steps than " + steps);
        expected.remove("steps");
        expected.put("seed", seed);
        expected.put("name", fresh.metadata().get("name").replace("seed0", "seed" + seed));
        assertEquals(expected, actual, where);
    }

    /** A launcher that runs the trainer's command line from this JVM's class path, as ./sparring would. */
    private Path trainerLauncher() throws IOException {
        final Path launcher = dir.resolve("sparring");
        final StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (final String word : ChildJvm.command(TrainerCli.class)) {
            script.append(" '").append(word).append('\'');
        }
        Files.writeString(launcher, script.append(" \"$@\"\n").toString());
        assertTrue(launcher.toFile().setExecutable(true));
        return launcher;
    }

    private static Map<String, String> manifest() throws IOException {
        return settings(BUNDLE.resolve("MANIFEST.txt"));
    }

    /**
     * The settings a config.txt means, read as the trainer reads it: a bundled file written before config.txt left out
     * the other algorithm's settings lists them, a fresh one reads them as their defaults.
     */
    private static Map<String, String> configSettings(final Path file) throws IOException {
        return settings(RecordText.write(TrainingConfig.read(Files.readString(file), file.toString())).lines()
            .toList());
    }

    private static Map<String, String> settings(final Path file) throws IOException {
        return settings(Files.readAllLines(file));
    }

    /** {@code name = value} lines ({@code #} comments skipped); a repeated name keeps its last value. */
    private static Map<String, String> settings(final List<String> lines) {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final String line : lines) {
            final int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return settings;
    }
}
