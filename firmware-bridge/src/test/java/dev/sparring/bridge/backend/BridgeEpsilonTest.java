package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.testing.HostFirmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BridgeEpsilonRun} in a child JVM under Epsilon GC (no collector: every byte allocated stays): 20 000 ticks of
 * read + write against the host-built firmware after as many of warm-up, and the heap must not grow.
 */
class BridgeEpsilonTest {
    /** Measured ticks, after as many of warm-up: 16 bytes a tick would show as 320 kB of growth. */
    private static final int TICKS = 20_000;

    @TempDir
    Path directory;

    /**
     * The child's output goes to a file and the wait is bounded: a loaded machine (each tick waits for the firmware's
     * answer) must fail this test after the timeout, never leave it, or a child spinning on the CPU, running.
     */
    @Test
    void shouldRunTwentyThousandTicksUnderEpsilonGcWithoutTheHeapGrowing() throws Exception {
        HostFirmware.assumeBuilt();
        final Path log = directory.resolve("epsilon-child.txt");
        final Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UnlockExperimentalVMOptions",
            "-XX:+UseEpsilonGC", "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dsparring.firmware.dir=" + HostFirmware.binary().getParent().getParent(),
            "-cp", System.getProperty("java.class.path"), BridgeEpsilonRun.class.getName(), Integer.toString(TICKS)))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child did not finish in 5 minutes:\n"
                + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }
        final String output = Files.readString(log);
        assertEquals(0, child.exitValue(), "Epsilon child failed (an allocation per tick exhausts the heap):\n"
            + output);
        assertTrue(output.contains("ticks=" + TICKS + " failures=0"), output);
        final long growth = Long.parseLong(output.replaceAll("(?s).*heapGrowthBytes=(\\d+).*", "$1"));
        assertEquals(0, growth, "heap used grew during the measured ticks:\n" + output);
    }
}
