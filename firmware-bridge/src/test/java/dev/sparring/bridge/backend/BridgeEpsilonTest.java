package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.testing.HostFirmware;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link BridgeEpsilonRun} in a child JVM under Epsilon GC (no collector: every byte allocated stays): 100 000 ticks of
 * read + write against the host-built firmware after as many of warm-up, and the heap must not grow.
 */
class BridgeEpsilonTest {

    @Test
    void shouldRunAHundredThousandTicksUnderEpsilonGcWithoutTheHeapGrowing() throws Exception {
        HostFirmware.assumeBuilt();
        final Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UnlockExperimentalVMOptions",
            "-XX:+UseEpsilonGC", "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dsparring.firmware.dir=" + HostFirmware.binary().getParent().getParent(),
            "-cp", System.getProperty("java.class.path"), BridgeEpsilonRun.class.getName(), "100000"))
            .redirectErrorStream(true).start();
        final String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            output = String.join("\n", reader.lines().toList());
        }
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, child.exitValue(), "Epsilon child failed (an allocation per tick exhausts the heap):\n"
            + output);
        assertTrue(output.contains("ticks=100000 failures=0"), output);
        final long growth = Long.parseLong(output.replaceAll("(?s).*heapGrowthBytes=(\\d+).*", "$1"));
        assertEquals(0, growth, "heap used grew during the measured ticks:\n" + output);
    }
}
