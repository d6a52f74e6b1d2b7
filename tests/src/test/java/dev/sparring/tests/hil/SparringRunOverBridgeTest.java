package dev.sparring.tests.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.controller.cli.SparringCli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparring run --robot robots/cartpole-bridge.yaml} drives firmware joints exactly as it drives simulated ones:
 * the bridge backend is found through ServiceLoader by the description's {@code backend: bridge}, and the run's
 * summary carries the link's counters. The firmware makes its own pseudo-terminal ({@code --pty}) and the run is pointed
 * at it with {@code --port}, as a user does after {@code ./sparring bridge sim}.
 */
@Tag("hil")
class SparringRunOverBridgeTest {

    @Test
    void shouldRunTheLqrPolicyOnTheFirmwareFromTheCommandLine(@TempDir final Path dir) throws Exception {
        HostFirmware.assumeBuilt();
        final Path link = dir.resolve("cartpole-pty");
        // the shipped description, with HostFirmwareClosedLoopTest's allowance for a shared, non-real-time machine
        final Path robot = Files.writeString(dir.resolve("cartpole-bridge.yaml"), Files.readString(
                HostFirmwareClosedLoopTest.ROOT.resolve("robots/cartpole-bridge.yaml"))
            .replaceFirst("(?m)^  stale_ms: .*$", "  stale_ms: 50").replace("stale_ticks: 5", "stale_ticks: 50")
            .replace("../policies/cartpole-lqr.policy", HostFirmwareClosedLoopTest.ROOT.resolve(
                "policies/cartpole-lqr.policy").toAbsolutePath().normalize().toString()));
        final Process firmware = new ProcessBuilder(HostFirmware.binary().toString(), "--pty", link.toString(),
            "--plant", "cartpole", "--hold-until-active").redirectErrorStream(true).start();
        try (BufferedReader firmwareOutput = new BufferedReader(new InputStreamReader(firmware.getInputStream(),
            StandardCharsets.UTF_8))) {
            // its pseudo-terminal exists once it says where it runs (end of output: it failed, and said why)
            final String ready = firmwareOutput.readLine();
            assertTrue(ready != null && ready.contains(" on "), "the firmware did not start: " + ready);
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int exit = SparringCli.execute(new String[] {"run", "--robot", robot.toString(), "--port",
                link.toString(), "--duration", "2"},
                new PrintWriter(out, true), new PrintWriter(err, true));
            final String text = out + "\n" + err;
            assertEquals(0, exit, text);
            assertTrue(text.contains("bridge link      " + link + ": firmware 1.0.0"), text);
            assertTrue(text.contains(" 0 CRC errors"), text);
            assertTrue(text.contains("faults           0"), text);
            assertTrue(text.contains("safe command written, robot deactivated"), text);
        } finally {
            firmware.destroy();
            firmware.waitFor();
        }
    }
}
