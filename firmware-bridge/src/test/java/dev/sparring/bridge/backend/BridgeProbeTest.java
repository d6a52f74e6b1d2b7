package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.RobotDescription;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hw probe} on a bridge robot: the port, the firmware's HELLO_REPLY and one STATE, against the host build of
 * the firmware on a pseudo-terminal; nothing is configured or commanded.
 */
class BridgeProbeTest {
    private static final String ARM = """
        name: arm
        backend: bridge
        joints:
          - {name: shoulder, max_velocity: 10.0, max_effort: 5.0}
          - {name: elbow, max_velocity: 10.0, max_effort: 5.0}
        bridge: {port: %s, handshake_timeout_ms: 300}
        """;

    @TempDir
    Path directory;

    @Test
    void shouldNameAPortThatCannotBeOpened() {
        final ProbeReport report = RobotBackends.find("bridge")
            .probe(TestDescriptions.parse(ARM.formatted("/dev/no-such-sparring-port")));
        assertEquals(List.of("serial port /dev/no-such-sparring-port at 1000000 baud"), report.missing());
        assertTrue(report.lines().getFirst().startsWith("serial port /dev/no-such-sparring-port at 1000000 baud: "
            + "cannot be opened ("), report.lines().toString());
    }

    /**
     * The firmware makes its own pseudo-terminal ({@code --pty}), as {@code ./sparring bridge sim} does, so the probe
     * opens and closes a device path as it would a USB-serial adapter, twice: the second probe finds the firmware as
     * the first left it.
     */
    @Test
    void shouldReportTheFirmwaresIdentityAndStateAndLeaveItUnconfigured() throws Exception {
        HostFirmware.assumeBuilt();
        final Path link = directory.resolve("ttyFW");
        final Process firmware = new ProcessBuilder(HostFirmware.binary().toString(), "--pty", link.toString(),
            "--plant", "motors", "--joints", "2", "--boot-count", "7").redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(firmware.getInputStream(),
            StandardCharsets.UTF_8))) {
            // its pseudo-terminal exists once it says where it runs (end of output: it failed, and said why)
            final String ready = output.readLine();
            assertTrue(ready != null && ready.contains(" on "), "the firmware did not start: " + ready);
            final RobotDescription description = TestDescriptions.parse(ARM.formatted(link));
            final ProbeReport first = RobotBackends.find("bridge").probe(description);
            final ProbeReport second = RobotBackends.find("bridge").probe(description);
            assertEquals(List.of(), first.missing(), first.lines().toString());
            assertEquals(3, first.lines().size(), first.lines().toString());
            final String port = "serial port " + link + " at 1000000 baud";
            assertTrue(first.lines().getFirst().startsWith(port), first.lines().toString());
            assertTrue(first.lines().get(1).matches("firmware on " + link + ": answers; protocol "
                + BridgeProtocol.VERSION + ", firmware \\d+\\.\\d+\\.\\d+, capabilities effort, PD, damping, "
                + "simulated plant, up to \\d+ joints, boot 7"), first.lines().get(1));
            assertTrue(first.lines().get(2).matches("firmware on " + link + ": mode IDLE, faults latched none, "
                + "-?\\d+\\.\\d\\d °C, clock \\d+\\.\\d{3} s, not configured \\(run configures it\\)"),
                first.lines().get(2));
            assertEquals(first.lines().subList(1, 3).toString().replaceAll("clock [0-9.]+", ""),
                second.lines().subList(1, 3).toString().replaceAll("clock [0-9.]+", ""),
                "the probe changed the firmware's state");
            assertTrue(firmware.isAlive(), "the firmware stopped");
        } finally {
            firmware.destroy();
            firmware.waitFor();
        }
    }

    @Test
    void shouldCallSilentFirmwareMissing() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            final ProbeReport report = probe(ARM, pty);
            assertEquals(List.of("firmware on pty"), report.missing());
            assertEquals("firmware on pty: no answer to HELLO within 300 ms: is it powered and running, and is "
                + "1000000 baud its rate?", report.lines().get(1));
        }
    }

    /**
     * The firmware runs on a pseudo-terminal of its own ({@code --pty}), as on a real serial line: the probe's closing
     * its end then is no hang-up for the firmware (the probe, given the master of a pair, would close the master, and
     * the firmware would exit on that, sooner or later: a race with the last assertion).
     */
    @Test
    void shouldCallFirmwareOfAnotherProtocolMissingAndNotAskItsState() throws Exception {
        HostFirmware.assumeBuilt();
        final Path link = directory.resolve("ttyFW2");
        final Process firmware = new ProcessBuilder(HostFirmware.binary().resolveSibling("sparring-firmware-protocol2")
            .toString(), "--pty", link.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(firmware.getInputStream(),
            StandardCharsets.UTF_8))) {
            final String ready = output.readLine();
            assertTrue(ready != null && ready.contains(" on "), "the firmware did not start: " + ready);
            final ProbeReport report = RobotBackends.find("bridge").probe(TestDescriptions.parse(ARM.formatted(link)));
            final String where = "firmware on " + link;
            assertEquals(List.of(where + " speaking protocol " + BridgeProtocol.VERSION), report.missing(),
                report.lines().toString());
            assertEquals(where + ": speaks bridge protocol 2, this host speaks " + BridgeProtocol.VERSION
                + ": update the firmware or the host so that both speak the same", report.lines().get(2));
            assertEquals(3, report.lines().size(), report.lines().toString());
            assertTrue(firmware.isAlive(), "the firmware stopped");
        } finally {
            firmware.destroy();
            firmware.waitFor();
        }
    }

    private static ProbeReport probe(final String robot, final PseudoTerminal pty) {
        final RobotDescription description = TestDescriptions.parse(robot.formatted("pty"));
        return BridgeProbe.probe(description.spec(), BridgeConfig.from(description), warnings -> pty.master(),
            SystemNanoClock.INSTANCE);
    }
}
