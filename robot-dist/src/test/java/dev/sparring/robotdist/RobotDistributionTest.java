package dev.sparring.robotdist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive {@code robot-dist} built (system property {@code sparring.robot.archive}, set by the pom), unpacked
 * into a temporary directory: what it holds, its launcher running the cart-pole on the {@code sim} and
 * {@code mock} backends with the test's JDK as {@code JAVA_HOME}, and the pan-tilt arm on the {@code pi4j} backend
 * stopped by SIGTERM as systemd stops the service.
 */
class RobotDistributionTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final long TIMEOUT_S = 120;
    /** LED0..LED1 from register 0x06: pan at 0 rad = 1500 µs = OFF count 0x133, tilt full off (OFF_H bit 4). */
    private static final String SAFE_BLOCK = "06 00 00 33 01 00 00 00 10";
    /** A write from register 0x06 of pan at 0.5 rad (1818 µs = OFF count 0x175), as the mock plugin logs it. */
    private static final String HOLDING_PAN_AT_HALF = "WRITE(0x06 00 00 75 01";

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

    /**
     * The pan-tilt arm on the {@code pi4j} backend in a copy of the distribution whose Pi4J plugins are the mock one
     * (logging every I2C write) instead of linuxfs and gpiod, and whose inputs are active high, as the mock's inputs
     * read low: the launcher gets SIGTERM while the arm holds pan at 0.5 rad, and the last transfer to the PCA9685
     * must be the description's safe state (pan at its safe 0 rad = 1500 µs, tilt full off), the summary must say
     * so, and the exit status must be SIGTERM's.
     */
    @Test
    void shouldWriteThePanTiltSafeStateAndExitWithSigtermsStatusWhenTheLauncherIsStopped() throws Exception {
        final Path copy = unpacked.resolve("dist-pi4j-mock");
        assertEquals(0, run(unpacked, List.of("cp", "-a", home.toString(), copy.toString())).exitCode);
        try (Stream<Path> lib = Files.list(copy.resolve("lib"))) {
            for (Path jar : lib.filter(jar -> jar.getFileName().toString().matches("pi4j-plugin-(linuxfs|gpiod)-.*"))
                .toList()) {
                Files.delete(jar);
            }
        }
        final Path mockPlugin = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(Path::of).filter(jar -> jar.getFileName().toString().startsWith("pi4j-plugin-mock-")).findFirst()
            .orElseThrow(() -> new AssertionError("pi4j-plugin-mock is not on the test class path"));
        Files.copy(mockPlugin, copy.resolve("lib").resolve(mockPlugin.getFileName()));
        final Path robot = copy.resolve("robots/pan_tilt-mock-inputs.yaml");
        Files.writeString(robot, Files.readString(copy.resolve("robots/pan_tilt.yaml"))
            .replace("active: low", "active: high").replace("pan_tilt-hold.policy", "pan-at-half.policy"));
        final Result policy = run(copy, List.of("bin/sparring-robot", "policy", "hold", "--robot", robot.toString(),
            "--target", "pan=0.5", "--out", copy.resolve("policies/pan-at-half.policy").toString()));
        assertEquals(0, policy.exitCode, policy.output);

        final ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=TERM", "bin/sparring-robot", "run",
            "--robot", robot.toString(), "--duration", "600").directory(copy.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SPARRING_JAVA_OPTS", "-Dorg.slf4j.simpleLogger.log.com.pi4j.plugin.mock=debug");
        final Process launcher = builder.start();
        final StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int holdingWrites = 0;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                holdingWrites += line.contains(HOLDING_PAN_AT_HALF) ? 1 : 0;
                if (holdingWrites == 3) {
                    break;
                }
            }
            assertEquals(3, holdingWrites, "the arm never held pan at 0.5 rad:\n" + output);
            launcher.toHandle().destroy();
            output.append(reader.lines().collect(Collectors.joining("\n")));
        } finally {
            if (!launcher.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
        final String text = output.toString();
        assertEquals(143, launcher.exitValue(), "exit status of SIGTERM (128 + 15):\n" + text);
        final Matcher writes = Pattern.compile("WRITE\\(0x([0-9A-F ]+)\\)").matcher(text);
        String last = null;
        while (writes.find()) {
            last = writes.group(1);
        }
        assertEquals(SAFE_BLOCK, last, "the last I2C transfer is the safe state:\n" + text);
        assertTrue(text.contains("stopped          by a signal"), text);
        assertTrue(text.contains("final command    safe command written, robot deactivated"), text);
        assertFalse(text.contains("\tat "), "no stack trace (Pi4J's board detection logs an IOException's name "
            + "off a Raspberry Pi, without one):\n" + text);
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
            "SupplementaryGroups=gpio i2c spi dialout", "User=sparring")) {
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
