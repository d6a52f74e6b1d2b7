package dev.sparring.robotdist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive {@code robot-dist} built (system property {@code sparring.robot.archive}, set by the pom), unpacked
 * into a temporary directory: what it holds, and its launcher running the cart-pole on the {@code sim} and
 * {@code mock} backends with the test's JDK as {@code JAVA_HOME}.
 */
class RobotDistributionTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final long TIMEOUT_S = 120;

    @TempDir
    static Path unpacked;

    private static Path home;

    @BeforeAll
    static void unpackTheArchive() throws Exception {
        final Path archive = Path.of(System.getProperty("sparring.robot.archive", "")).toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), "no robot distribution at " + archive
            + ": build it with ./mvnw -pl robot-dist -am verify");
        final Path into = Files.createDirectory(unpacked.resolve("dist"));
        final Result tar = run(into, List.of("tar", "xzf", archive.toString()));
        assertEquals(0, tar.exitCode, tar.output);
        try (Stream<Path> top = Files.list(into)) {
            final List<Path> entries = top.toList();
            assertEquals(1, entries.size(), "one top directory in the archive: " + entries);
            home = entries.getFirst();
        }
    }

    @Test
    void shouldRunTheSimulatedCartPoleAndPrintTheLoopSummary() throws Exception {
        final Result result = run(home, List.of("bin/sparring-robot", "run", "--robot", "robots/cartpole.yaml",
            "--duration", "0.5"));
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("running cartpole (backend sim) with policy 'cartpole-lqr'"), result.output);
        assertRunSummary(result.output);
    }

    @Test
    void shouldRunTheCartPoleOnTheMockBackendFromAnotherDirectory() throws Exception {
        final Result result = run(unpacked, List.of(home.resolve("bin/sparring-robot").toString(), "run", "--robot",
            home.resolve("robots/cartpole-mock.yaml").toString(), "--duration", "0.5"));
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("running cartpole (backend mock) with policy 'cartpole-lqr'"),
            result.output);
        assertRunSummary(result.output);
    }

    @Test
    void shouldShipTheRobotBackendsButNoTrainerJFreeChartOrOnnxRuntime() throws IOException {
        final List<String> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            lib.forEach(jar -> jars.add(jar.getFileName().toString()));
        }
        for (String wanted : List.of("controller-", "hal-0", "hal-mujoco-", "firmware-bridge-", "hal-pi4j-",
            "pi4j-core-", "pi4j-plugin-linuxfs-", "pi4j-plugin-gpiod-", "jna-5")) {
            assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(wanted)), wanted + " missing from " + jars);
        }
        for (String jar : jars) {
            assertFalse(jar.startsWith("trainer-") || jar.contains("jfreechart") || jar.contains("onnxruntime"),
                "the robot distribution must not ship " + jar);
        }
    }

    @Test
    void shouldBakeInEveryJvmFlagOfJvmProperties() throws IOException {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve("jvm.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        final String options = Files.readString(home.resolve("conf/jvm.options"));
        assertFalse(options.contains("${"), "unfiltered conf/jvm.options:\n" + options);
        for (String flag : properties.getProperty("sparring.jvm.flags").trim().split("\\s+")) {
            assertTrue(options.contains(flag), flag + " missing from conf/jvm.options:\n" + options);
        }
    }

    @Test
    void shouldShipTheLauncherTheServiceAndTheInstallInstructions() throws IOException {
        assertTrue(Files.isExecutable(home.resolve("bin/sparring-robot")), "bin/sparring-robot is not executable");
        assertEquals(Files.readString(REPOSITORY.resolve("launcher/jdk.sh")), Files.readString(home.resolve(
            "bin/jdk.sh")), "bin/jdk.sh is ./sparring's JDK search");
        final String unit = Files.readString(home.resolve("systemd/sparring-robot.service"));
        for (String line : List.of("Restart=on-failure", "KillSignal=SIGTERM", "LimitRTPRIO=", "LimitMEMLOCK=",
            "SupplementaryGroups=gpio i2c dialout", "User=sparring")) {
            assertTrue(unit.contains(line), line + " missing from the unit:\n" + unit);
        }
        assertTrue(Files.isRegularFile(home.resolve("INSTALL.md")), "INSTALL.md missing");
    }

    @Test
    void shouldRefuseAPackageTargetOtherThanRobotWithItsUsage() throws Exception {
        final Result result = run(REPOSITORY, List.of("./sparring", "package", "trainer"));
        assertEquals(2, result.exitCode, result.output);
        assertTrue(result.output.contains("usage: ./sparring package robot"), result.output);
    }

    private static void assertRunSummary(final String output) {
        for (String line : List.of("ticks ", "jitter ", "faults           0", "episode return ",
            "final command    safe command written, robot deactivated")) {
            assertTrue(output.contains(line), "'" + line + "' missing from the run summary:\n" + output);
        }
        assertFalse(output.contains("Exception"), output);
        assertFalse(output.contains("WARNING: Using incubator modules"), "the launcher filters this line:\n" + output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command in a directory with this JVM's JDK as JAVA_HOME, standard error merged into the output. */
    private static Result run(final Path directory, final List<String> command) throws Exception {
        final Path output = Files.createTempFile(unpacked, "output", ".txt");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = builder.start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_S + " s:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }
}
