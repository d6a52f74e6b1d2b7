package dev.sparring.controller;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Command lines for tests that run a main class in a child JVM: this JVM's {@code java}, the flags from the
 * repository's {@code jvm.properties} (as the launcher and Maven use them), and this JVM's class path.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param mainClass the class whose {@code main} the child runs.
     * @param args      its arguments.
     * @return the command line.
     * @throws IOException when {@code jvm.properties} cannot be read.
     */
    public static List<String> command(final Class<?> mainClass, final String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * @return the flags of {@code sparring.jvm.flags} in the repository's {@code jvm.properties}.
     * @throws IOException when the file cannot be read.
     */
    public static List<String> jvmFlags() throws IOException {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CartPoleRig.ROOT.resolve("jvm.properties"),
            StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return Arrays.asList(properties.getProperty("sparring.jvm.flags").trim().split("\\s+"));
    }
}
