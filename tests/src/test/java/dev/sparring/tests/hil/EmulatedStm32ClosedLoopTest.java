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
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.runtime.RobotRuntime;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.lqr.LqrPolicyDesigner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop of {@link HostFirmwareClosedLoopTest} against the microcontroller build: the STM32F405 binary runs
 * under {@code qemu-system-arm -M netduinoplus2} with its USART1 on a pseudo-terminal this test opens, and the
 * controller balances the cart-pole it simulates. The emulated USART moves about one byte per 70 µs, so a 54-byte
 * COMMAND and its 58-byte STATE take some 8 ms: the loop runs at 50 Hz with an LQR designed for that rate, for
 * {@value #TICKS} ticks (20 s), with a 250 ms watchdog.
 */
@Tag("hil")
class EmulatedStm32ClosedLoopTest {
    private static final long TICKS = 1_000;
    private static final int RATE_HZ = 50;

    @Test
    void shouldBalanceTheCartPoleThroughTheEmulatedMicrocontroller(@TempDir final Path dir) throws Exception {
        final Path elf = HostFirmware.binary().getParent().getParent().resolve("stm32/sparring-firmware.elf");
        Assumptions.assumeTrue(Files.exists(elf), "no STM32 firmware at " + elf + ": the build makes it with "
            + "arm-none-eabi-gcc (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)");
        Assumptions.assumeTrue(onPath("qemu-system-arm"), "no qemu-system-arm on the PATH (apt-get install "
            + "--no-install-recommends qemu-system-arm)");
        final RobotDescription description = description(dir);
        final Path policy = dir.resolve("cartpole-lqr-50hz.policy");
        PolicyWriter.write(LqrPolicyDesigner.design(RobotDescription.load(simulatedTwin(dir)),
            new double[] {10, 100, 1, 1}, new double[] {0.1}), policy);
        final BridgeConfig config = BridgeConfig.from(description);
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            final Process qemu = new ProcessBuilder("sh", HostFirmwareClosedLoopTest.ROOT.resolve(
                "firmware-bridge/firmware/stm32/run-qemu.sh").toString(), elf.toString(), pty.slavePath())
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
            try {
                final BridgeRobotSystem[] robot = new BridgeRobotSystem[1];
                final RobotRuntime.Context context = new RobotRuntime.Context().description(description)
                    .policy(policy).robot(d -> robot[0] = new BridgeRobotSystem(d.spec(), config, PortOpener.of(pty.master()),
                        SystemNanoClock.INSTANCE));
                try (RobotRuntime runtime = RobotRuntime.create(context)) {
                    pty.releaseSlave();
                    final LoopSummary summary = runtime.runRealTime(TICKS * runtime.controller().periodNs(), 1,
                        RealtimeSetup.none(), warning -> { }, () -> { });
                    final LinkCounters link = robot[0].link().counters();
                    final String report = summary + "\n" + robot[0].diagnostics() + robot[0].statusMessage();

                    assertTrue(summary.ticks() >= TICKS, report);
                    assertEquals(0, runtime.controller().tick().supervisor().totalFaults(), report);
                    assertEquals(0, link.linkErrors() + link.commandsUnacknowledged(), report);
                    assertTrue(link.commandsAcknowledged() >= link.commandsSent() - 2, report);
                    assertTrue(Math.abs(robot[0].link().latest().positions()[1]) < 0.05, "pole up: " + report);
                    assertEquals(ReturnCode.OK, runtime.stop());
                }
            } finally {
                qemu.destroy();
                qemu.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The bridge robot at 50 Hz, with the link's timings an emulated USART needs. */
    private static RobotDescription description(final Path dir) throws IOException {
        final String yaml = Files.readString(HostFirmwareClosedLoopTest.ROOT.resolve("robots/cartpole-bridge.yaml"))
            .replaceFirst("(?m)^  watchdog_ms: .*$", "  watchdog_ms: 250")
            .replaceFirst("(?m)^  stale_ms: .*$", "  stale_ms: 200")
            .replaceFirst("(?m)^  handshake_timeout_ms: .*$", "  handshake_timeout_ms: 10000")
            .replaceFirst("(?m)^  rate_hz: .*$", "  rate_hz: " + RATE_HZ)
            .replace("max_rate_per_s: 2000", "max_rate_per_s: 100000")
            .replace("../policies/cartpole-lqr.policy", "cartpole-lqr-50hz.policy");
        return RobotDescription.load(Files.writeString(dir.resolve("cartpole-stm32.yaml"), yaml));
    }

    /** robots/cartpole.yaml at 50 Hz: the simulated plant the LQR is designed on, the firmware's twin. */
    private static Path simulatedTwin(final Path dir) throws IOException {
        final String yaml = Files.readString(HostFirmwareClosedLoopTest.ROOT.resolve("robots/cartpole.yaml"))
            .replaceFirst("(?m)^  rate_hz: .*$", "  rate_hz: " + RATE_HZ)
            .replace("../policies/cartpole-lqr.policy", "cartpole-lqr-50hz.policy");
        return Files.writeString(dir.resolve("cartpole-sim.yaml"), yaml);
    }

    private static boolean onPath(final String program) {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
