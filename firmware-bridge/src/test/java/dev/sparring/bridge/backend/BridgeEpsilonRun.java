package dev.sparring.bridge.backend;

import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

import org.agrona.concurrent.SystemNanoClock;

/**
 * The control thread's half of the bridge in lockstep with the host-built firmware — read, write, then wait on the
 * port for the command's STATE — for a number of ticks, reporting how much the heap grew after warm-up. Run under
 * Epsilon GC by {@link BridgeEpsilonTest}: any allocation per tick would show as growth (and exhaust a small heap).
 */
public final class BridgeEpsilonRun {
    /** Two effort joints behind the bridge; the port is the caller's pseudo-terminal. */
    static final String ROBOT = """
        name: arm
        backend: bridge
        joints:
          - {name: shoulder, max_velocity: 10.0, max_effort: 5.0}
          - {name: elbow, max_velocity: 10.0, max_effort: 5.0}
        bridge: {port: pty, stale_ms: 200}
        """;

    private BridgeEpsilonRun() {
    }

    /**
     * @param args the ticks to measure (after as many of warm-up); the firmware is {@link HostFirmware#binary()}.
     * @throws Exception when the firmware cannot be started or a tick fails.
     */
    public static void main(final String[] args) throws Exception {
        final int ticks = Integer.parseInt(args[0]);
        final RobotDescription description = RobotDescription.parse("epsilon", Path.of("."), ROBOT);
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = HostFirmware.start(pty.slavePath(), "--plant", "motors", "--joints", "2")) {
            try (BridgeRobotSystem robot = new BridgeRobotSystem(description.spec(), BridgeConfig.from(description),
                PortOpener.of(pty.master()), SystemNanoClock.INSTANCE)) {
                if (robot.configure() != ReturnCode.OK || robot.activate() != ReturnCode.OK) {
                    throw new IllegalStateException(robot.statusMessage() + "; firmware alive: "
                        + firmware.process().isAlive());
                }
                final RobotState state = new RobotState(description.spec());
                final RobotCommand command = RobotCommand.effort(description.spec());
                long failures = run(robot, state, command, ticks);
                final long before = memory.getHeapMemoryUsage().getUsed();
                failures += run(robot, state, command, ticks);
                final long growth = memory.getHeapMemoryUsage().getUsed() - before;
                System.out.println("ticks=" + ticks + " failures=" + failures + " heapGrowthBytes=" + growth
                    + " heapUsedBytes=" + memory.getHeapMemoryUsage().getUsed());
            }
        }
    }

    private static long run(final BridgeRobotSystem robot, final RobotState state, final RobotCommand command,
        final int ticks) {
        long failures = 0;
        for (int i = 0; i < ticks; i++) {
            command.values()[0] = (i & 1) == 0 ? 0.1 : -0.1;
            if (robot.read(System.nanoTime(), state) != ReturnCode.OK || robot.write(command) != ReturnCode.OK) {
                failures++;
            }
            final long acknowledged = robot.link().counters().commandsAcknowledged();
            final long deadlineNs = System.nanoTime() + 100_000_000L;
            while (robot.link().counters().commandsAcknowledged() == acknowledged
                && System.nanoTime() - deadlineNs < 0 && robot.link().poll() >= 0) {
                Thread.onSpinWait();
            }
        }
        return failures;
    }
}
