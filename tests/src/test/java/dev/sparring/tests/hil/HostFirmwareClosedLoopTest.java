package dev.sparring.tests.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.backend.BridgeConfig;
import dev.sparring.bridge.backend.BridgeRobotSystem;
import dev.sparring.bridge.backend.PortOpener;
import dev.sparring.bridge.link.LinkCounters;
import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller balances the cart-pole through the firmware: the LQR policy of {@code robots/cartpole-bridge.yaml}
 * runs at 1 kHz on the bridge backend, whose link goes over a pseudo-terminal to the host-built firmware, whose
 * simulated cart-pole has the parameters the policy was designed for. The firmware holds its pole at the start angle
 * until it is first commanded ({@code --hold-until-active}: a hand that lets go as the controller starts).
 */
@Tag("hil")
class HostFirmwareClosedLoopTest {
    static final Path ROOT = Files.isDirectory(Path.of("robots")) ? Path.of(".") : Path.of("..");
    private static final long TICKS = 10_000;

    @Test
    void shouldBalanceTheCartPoleThroughTheFirmwareForTenThousandTicks(@TempDir final Path dir) throws Exception {
        HostFirmware.assumeBuilt();
        // this machine is shared and the loop not real-time: a 10 ms scheduling hiccup is not what this test is
        // about, so the host waits up to the firmware's own watchdog (50 ms) before calling the state stale
        final String yaml = Files.readString(ROOT.resolve("robots/cartpole-bridge.yaml"))
            .replaceFirst("(?m)^  stale_ms: .*$", "  stale_ms: 50")
            .replace("stale_ticks: 5", "stale_ticks: 50")
            .replace("../policies/cartpole-lqr.policy", ROOT.resolve("policies/cartpole-lqr.policy").toAbsolutePath()
                .normalize().toString());
        final RobotDescription description = RobotDescription.load(Files.writeString(dir.resolve("robot.yaml"),
            yaml));
        final BridgeConfig config = BridgeConfig.from(description);
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = HostFirmware.start(pty.slavePath(), dir.resolve("firmware.log"), "--plant",
                 "cartpole", "--initial-angle", "0.05", "--hold-until-active")) {
            final BridgeRobotSystem[] robot = new BridgeRobotSystem[1];
            final RobotRuntime.Context context = new RobotRuntime.Context().description(description)
                .robot(d -> robot[0] = new BridgeRobotSystem(d.spec(), config, PortOpener.of(pty.master()), SystemNanoClock.INSTANCE));
            try (RobotRuntime runtime = RobotRuntime.create(context)) {
                // one episode: it ends, and the loop with it, if the pole falls
                final LoopSummary summary = runtime.runRealTime(TICKS * runtime.controller().periodNs(), 1,
                    RealtimeSetup.none(), warning -> { }, () -> { });
                final SafetySupervisor supervisor = runtime.controller().tick().supervisor();
                final LinkCounters link = robot[0].link().counters();
                final String report = summary + "\n" + robot[0].diagnostics() + "firmware: " + firmware.output();

                assertTrue(summary.ticks() + summary.overruns() >= TICKS, "the loop ran its 10 000 periods: " + report);
                assertTrue(summary.ticks() >= TICKS * 9 / 10, "and missed at most a tenth of them: " + report);
                assertEquals(0, supervisor.totalFaults(), "no fault of any cause: " + report);
                assertEquals(summary.ticks(), link.commandsSent(), "one command per tick: " + report);
                // in order and none passed over (below); the last few may still be in flight when the loop stops
                assertTrue(link.commandsAcknowledged() >= link.commandsSent() - 5,
                    "every command acknowledged as applied but those in flight at the end: " + report);
                assertEquals(0, link.commandsUnacknowledged() + link.unexpectedAcknowledgements(), report);
                assertEquals(0, link.linkErrors(), "no CRC error, COBS error, bad frame or sequence gap: " + report);
                assertEquals(0, robot[0].link().latest().firmwareCrcErrors()
                    + robot[0].link().latest().firmwareSequenceGaps(), "nor on the firmware's side: " + report);
                final double[] positions = robot[0].link().latest().positions();
                assertTrue(Math.abs(positions[1]) < 0.05, "the pole is up: θ = " + positions[1] + "; " + report);
                assertTrue(Math.abs(positions[0]) < 1.0, "the cart stayed near the middle: x = " + positions[0]);
                assertTrue(robot[0].link().roundTrips().getTotalCount() >= summary.ticks() - 1, report);
                assertEquals(ReturnCode.OK, runtime.stop(), "safe command written, robot deactivated");
            }
            assertEquals(0, firmware.terminate(), "the firmware exits cleanly on SIGTERM: " + firmware.output());
        }
    }
}
