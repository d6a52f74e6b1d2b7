package dev.sparring.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's JDK search and rebuild check, run in bash with the script's functions sourced: fake JDK homes
 * (a {@code release} file and a {@code bin/java} that prints a version) stand for installed JDKs.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "sparring").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void shouldReadTheFeatureVersionFromReleaseFileOrJavaVersion() throws Exception {
        assertEquals("25", bash("jdk_version " + jdk("a", "25.0.3", true), Map.of()).output);
        assertEquals("26", bash("jdk_version " + jdk("b", "26", true), Map.of()).output);
        assertEquals("25", bash("jdk_version " + jdk("c", "25-ea", false), Map.of()).output);
        assertEquals("8", bash("jdk_version " + jdk("d", "1.8.0_292", false), Map.of()).output);
        assertEquals(1, bash("jdk_version " + temp.resolve("not-a-jdk"), Map.of()).exitCode);
    }

    @Test
    void shouldAcceptANewerJdkFromJavaHome() throws Exception {
        final Path jdk26 = jdk("jdk-26", "26.0.1", true);
        assertEquals(jdk26.toString(), bash("find_jdk", environment(jdk26, jdk("old", "21.0.2", true))).output);
    }

    @Test
    void shouldTakeJavaOnPathWhenJavaHomeIsTooOld() throws Exception {
        final Path jdk25 = jdk("jdk-25", "25.0.1", true);
        assertEquals(jdk25.toString(), bash("find_jdk", environment(jdk("jdk-21", "21.0.2", true), jdk25)).output);
    }

    @Test
    void shouldTakeTheNewestJdkUnderTheJvmDirectory() throws Exception {
        final Path jvms = Files.createDirectories(temp.resolve("jvm"));
        jdk("jvm/java-8", "1.8.0_292", false);
        jdk("jvm/jdk-25-ea", "25-ea", false);
        final Path jdk27 = jdk("jvm/jdk-27", "27.0.1", true);
        final Map<String, String> environment = environment(null, jdk("path-jdk", "21.0.2", true));
        environment.put("SPARRING_JVM_DIR", jvms.toString());
        assertEquals(jdk27.toString(), bash("find_jdk", environment).output);
    }

    @Test
    void shouldFindNoJdkOlderThan25() throws Exception {
        final Path jvms = Files.createDirectories(temp.resolve("jvm"));
        jdk("jvm/java-17", "17.0.9", true);
        final Map<String, String> environment = environment(jdk("home-jdk", "11.0.2", true),
            jdk("path-jdk", "21.0.2", true));
        environment.put("SPARRING_JVM_DIR", jvms.toString());
        final Result result = bash("find_jdk", environment);
        assertEquals(1, result.exitCode, result.output);
        assertEquals("", result.output);
    }

    @Test
    void shouldRebuildForSourcesAndPomsButNotForRobotFilesOrTests() throws Exception {
        final Path root = Files.createDirectories(temp.resolve("repo"));
        final Path marker = Files.createDirectories(root.resolve("trainer/target")).resolve(".built");
        Files.writeString(marker, "");
        Files.setLastModifiedTime(marker, FileTime.fromMillis(1_000_000L));
        final String check = "root=" + root + "; needs_build trainer";

        write(root.resolve("robots/cartpole.yaml"));
        write(root.resolve("trainer/src/test/java/SomeTest.java"));
        write(root.resolve("trainer/target/classes/Some.class"));
        write(root.resolve("runs/demo/policy.policy"));
        assertEquals(1, bash(check, Map.of()).exitCode, "robot files, tests and outputs are no build inputs");

        write(root.resolve("hal/src/main/resources/META-INF/services/x"));
        assertEquals(0, bash(check, Map.of()).exitCode, "a resource under src/main is");
        Files.delete(root.resolve("hal/src/main/resources/META-INF/services/x"));
        write(root.resolve("pom.xml"));
        assertEquals(0, bash(check, Map.of()).exitCode, "a pom is");
    }

    /** A fake JDK home: {@code release} with the version (if asked) and a {@code bin/java} printing it. */
    private Path jdk(final String name, final String version, final boolean releaseFile) throws IOException {
        final Path home = Files.createDirectories(temp.resolve(name));
        final Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2026-01-20' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (releaseFile) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    /** JAVA_HOME (or none), the given JDK's java first on PATH, and an empty JVM directory. */
    private Map<String, String> environment(final Path javaHome, final Path pathJdk) throws IOException {
        final Map<String, String> environment = new java.util.HashMap<>();
        if (javaHome != null) {
            environment.put("JAVA_HOME", javaHome.toString());
        }
        environment.put("PATH", pathJdk.resolve("bin") + ":/usr/bin:/bin");
        environment.put("SPARRING_JVM_DIR", Files.createDirectories(temp.resolve("empty-jvm")).toString());
        return environment;
    }

    private static void write(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result bash(final String script, final Map<String, String> environment) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c",
            "set -euo pipefail; source \"$0\"; " + script, LAUNCHER.toString())).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        return new Result(process.exitValue(), output);
    }
}
