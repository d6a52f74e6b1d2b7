package dev.sparring.tests.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.backend.BridgeConfig;
import dev.sparring.bridge.backend.BridgeError;
import dev.sparring.bridge.backend.BridgeRobotSystem;
import dev.sparring.bridge.backend.PortOpener;
import dev.sparring.bridge.link.LinkState;
import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link's faults end to end, against the host-built firmware on a pseudo-terminal: damaged and dropped frames, a
 * stalled host (the firmware's watchdog, measured), a firmware restart, a port that disappears, an emergency stop,
 * and a firmware of another protocol version. In each the robot goes safe in the tick the fault is seen, the cause is
 * reported, and the robot comes back by the lifecycle (activate, or configure then activate) where it can.
 */
@Tag("hil")
class HostFirmwareFaultTest {
    private static final long PERIOD_NS = 1_000_000L;
    @TempDir
    Path dir;
    private RobotDescription description;

    @BeforeEach
    void setUp() throws IOException {
        HostFirmware.assumeBuilt();
        description = RobotDescription.load(HostFirmwareClosedLoopTest.ROOT.resolve("robots/cartpole-bridge.yaml"));
    }

    @Test
    void shouldGoSafeInTheTickADamagedFrameArrivesCountItAndComeBackOnActivate() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty, "--corrupt-every", "200");
             BridgeRobotSystem robot = robot(pty)) {
            activate(robot);
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            final long ticks = ticker.runUntilError(2_000);

            assertEquals(ReturnCode.ERROR, ticker.lastRead(), "a damaged frame within 2 000 ticks: " + firmware.output());
            assertEquals(BridgeError.LINK_ERRORS, robot.lastError(), robot.statusMessage());
            assertEquals(LifecycleState.INACTIVE, robot.lifecycleState(), "safe, the link still up");
            assertTrue(robot.link().counters().crcErrors() + robot.link().counters().cobsErrors() >= 1);
            assertTrue(ticks <= 202, "the 200th frame is the first damaged one; seen in tick " + ticks);
            assertEquals(ReturnCode.OK, robot.activate(), robot.statusMessage());
            assertTrue(ticker.runUntilError(100) == 100, "running again after reactivation");
        }
    }

    @Test
    void shouldCountGarbageFromTheHostOnTheFirmwaresSideAndCarryOn() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty);
             BridgeRobotSystem robot = robot(pty)) {
            activate(robot);
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            assertEquals(50, ticker.runUntilError(50));
            // line noise: a byte run, then a frame-sized run whose CRC cannot match
            final byte[] garbage = {0x03, 0x11, 0x7f, 0x00, 0x0b, 0x04, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
                0x49, 0x00};
            assertEquals(garbage.length, pty.master().write(new UnsafeBuffer(garbage), 0, garbage.length));
            assertEquals(200, ticker.runUntilError(200), "the firmware drops what it cannot decode: "
                + robot.statusMessage() + " " + firmware.output());
            assertTrue(robot.link().latest().firmwareCrcErrors() >= 1, "and counts it");
        }
    }

    @Test
    void shouldTreatDroppedFramesAsSequenceGapsAndTolerateThemOnlyWithinTheConfiguredRate() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty, "--drop-every", "100");
             BridgeRobotSystem strict = robot(pty)) {
            activate(strict);
            final BridgeTicker ticker = new BridgeTicker(strict, PERIOD_NS);
            ticker.runUntilError(1_000);
            assertEquals(BridgeError.LINK_ERRORS, strict.lastError(), strict.statusMessage() + firmware.output());
            assertTrue(strict.link().counters().sequenceGaps() >= 1);
        }
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty, "--drop-every", "100");
             BridgeRobotSystem tolerant = robot(pty, "link_errors_per_s", "50")) {
            activate(tolerant);
            final BridgeTicker ticker = new BridgeTicker(tolerant, PERIOD_NS);
            assertEquals(1_000, ticker.runUntilError(1_000), "10 gaps a second are within 50: "
                + tolerant.statusMessage() + firmware.output());
            assertTrue(tolerant.link().counters().sequenceGaps() >= 5, "and counted");
        }
    }

    @Test
    void shouldReachTheSafeStateWithinTheWatchdogTimeoutWhenTheHostStalls() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty);
             BridgeRobotSystem robot = robot(pty)) {
            activate(robot);
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            assertEquals(200, ticker.runUntilError(200));
            final LinkState latest = robot.link().latest();
            // the last command's STATE carries the firmware's time of its arrival
            final long ackDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (robot.link().counters().commandsAcknowledged() < robot.link().counters().commandsSent()
                && System.nanoTime() - ackDeadlineNs < 0) {
                pty.master().await(1);
                robot.link().poll();
            }
            final long lastCommandUs = latest.firmwareTimeUs();
            final long faultsBefore = latest.faults();
            // the host stalls: no command; wait (on the port, not a sleep) for the firmware's FAULT
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (latest.faults() == faultsBefore && System.nanoTime() - deadlineNs < 0) {
                pty.master().await(10);
                robot.link().poll();
            }
            assertEquals(faultsBefore + 1, latest.faults(), "FAULT WATCHDOG arrived: " + firmware.output());
            assertEquals(BridgeProtocol.FAULT_WATCHDOG, latest.lastFaultCode());
            final long latencyUs = latest.lastFaultFirmwareTimeUs() - lastCommandUs;
            final long watchdogUs = 1_000L * BridgeConfig.from(description).watchdogMs();
            System.out.printf("watchdog: safe state %d µs after the last command (timeout %d µs)%n", latencyUs,
                watchdogUs);
            // the STATE's clock is read as it is sent, a few µs after the command's arrival started the watchdog
            assertTrue(latencyUs >= watchdogUs - 100, "not before the timeout: " + latencyUs + " µs");
            // the firmware checks its watchdog every 200 µs; 5 ms more is what a host process may wait to be
            // scheduled on a shared, non-real-time machine (the microcontroller has no such wait)
            assertTrue(latencyUs <= watchdogUs + 5_000, "within the timeout, a control period and scheduling: "
                + latencyUs + " µs");
            assertEquals(ReturnCode.ERROR, robot.read(System.nanoTime(), ticker.state()));
            assertEquals(BridgeError.FIRMWARE_FAULT, robot.lastError());
            assertEquals(ReturnCode.OK, robot.activate(), "CLEAR brings it back: " + robot.statusMessage());
        }
    }

    @Test
    void shouldDetectAFirmwareRestartGoSafeAndResynchronise() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty, "--restart-after-ms", "700");
             BridgeRobotSystem robot = robot(pty)) {
            activate(robot);
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            ticker.runUntilError(5_000);

            assertEquals(BridgeError.FIRMWARE_RESTARTED, robot.lastError(), robot.statusMessage() + firmware.output());
            assertEquals(LifecycleState.UNCONFIGURED, robot.lifecycleState(), "HELLO and CONFIGURE again");
            assertEquals(1, robot.link().counters().restarts());
            assertEquals(ReturnCode.OK, robot.configure(), robot.statusMessage());
            assertEquals(ReturnCode.OK, robot.activate(), robot.statusMessage());
            assertEquals(100, ticker.runUntilError(100), robot.statusMessage());
        }
    }

    @Test
    void shouldGoSafeAndSaySoWhenThePortDisappears() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty);
             BridgeRobotSystem robot = robot(pty, "handshake_timeout_ms", "200")) {
            activate(robot);
            pty.releaseSlave();
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            assertEquals(100, ticker.runUntilError(100));
            firmware.kill();
            final long ticks = ticker.runUntilError(1_000);

            assertEquals(BridgeError.PORT_GONE, robot.lastError(), robot.statusMessage());
            assertTrue(ticks < 20, "seen within a few ticks of the device going: " + ticks);
            assertEquals(LifecycleState.UNCONFIGURED, robot.lifecycleState(), "communication lost");
            assertTrue(robot.statusMessage().contains("is gone"), robot.statusMessage());
            assertEquals(ReturnCode.ERROR, robot.configure(), "nobody answers HELLO on a port that is gone");
            assertTrue(robot.statusMessage().contains("did not answer HELLO"), robot.statusMessage());
        }
    }

    @Test
    void shouldLatchTheEmergencyStopFromTheHostAndFromTheBoardsInput() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = start(pty);
             BridgeRobotSystem robot = robot(pty)) {
            activate(robot);
            final BridgeTicker ticker = new BridgeTicker(robot, PERIOD_NS);
            assertEquals(50, ticker.runUntilError(50));
            assertEquals(BridgeProtocol.STATE, robot.link().estop(TimeUnit.SECONDS.toNanos(1)));
            assertEquals(BridgeProtocol.MODE_ESTOP, robot.link().latest().mode());
            ticker.runUntilError(10);
            assertEquals(ReturnCode.ERROR, ticker.lastRead());
            assertEquals(LifecycleState.INACTIVE, robot.lifecycleState());
            assertEquals(ReturnCode.OK, robot.activate(), "CLEAR releases it: " + robot.statusMessage());

            assertEquals(50, ticker.runUntilError(50));
            final Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(firmware.process().pid())).start();
            assertEquals(0, kill.waitFor());
            ticker.runUntilError(1_000);
            assertEquals(BridgeError.FIRMWARE_FAULT, robot.lastError(), robot.statusMessage() + firmware.output());
            assertEquals(BridgeProtocol.FAULT_ESTOP, robot.link().latest().lastFaultCode(), "the board's e-stop input");
        }
    }

    @Test
    void shouldRefuseAFirmwareOfAnotherProtocolVersionNamingBoth() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = HostFirmware.startProtocol2(pty.slavePath(),
                 Files.createTempFile(dir, "firmware", ".log"));
             BridgeRobotSystem robot = robot(pty)) {
            assertEquals(ReturnCode.ERROR, robot.configure());
            assertTrue(robot.statusMessage().contains("speaks bridge protocol 2, this host speaks 1"),
                robot.statusMessage() + " " + firmware.output());
            assertEquals(LifecycleState.UNCONFIGURED, robot.lifecycleState());
        }
    }

    private HostFirmware start(final PseudoTerminal pty, final String... options) throws IOException {
        final String[] all = new String[options.length + 2];
        all[0] = "--plant";
        all[1] = "cartpole";
        System.arraycopy(options, 0, all, 2, options.length);
        return HostFirmware.start(pty.slavePath(), Files.createTempFile(dir, "firmware", ".log"), all);
    }

    /** The cart-pole bridge robot over the pseudo-terminal, with bridge fields replaced: key, value, key, value. */
    private BridgeRobotSystem robot(final PseudoTerminal pty, final String... bridgeFields) throws IOException {
        // stale_ms 50 unless a test says otherwise: a scheduling hiccup of this shared machine is not the fault tested
        String yaml = Files.readString(HostFirmwareClosedLoopTest.ROOT.resolve("robots/cartpole-bridge.yaml"))
            .replaceFirst("(?m)^  stale_ms: .*$", "  stale_ms: 50");
        for (int i = 0; i < bridgeFields.length; i += 2) {
            yaml = yaml.replaceFirst("(?m)^  " + bridgeFields[i] + ": .*$", "  " + bridgeFields[i] + ": "
                + bridgeFields[i + 1]);
        }
        final Path file = Files.writeString(dir.resolve("robot-" + System.nanoTime() + ".yaml"), yaml);
        final RobotDescription d = RobotDescription.load(file);
        return new BridgeRobotSystem(d.spec(), BridgeConfig.from(d), PortOpener.of(pty.master()), SystemNanoClock.INSTANCE);
    }

    private static void activate(final BridgeRobotSystem robot) {
        assertEquals(ReturnCode.OK, robot.configure(), robot.statusMessage());
        assertEquals(ReturnCode.OK, robot.activate(), robot.statusMessage());
    }
}
