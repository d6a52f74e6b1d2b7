package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.RobotDescription;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/**
 * The control thread's half of the bridge — read (drain the port, decode, copy the latest state) and write (encode
 * and send one COMMAND) — allocates nothing once warm, against the host-built firmware on a pseudo-terminal.
 */
class BridgeRobotSystemAllocationTest {
    @Test
    void shouldReadAndWriteWithoutAllocatingOnTheControlThread() throws Exception {
        HostFirmware.assumeBuilt();
        final RobotDescription description = TestDescriptions.parse(BridgeEpsilonRun.ROBOT);
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = HostFirmware.start(pty.slavePath(), "--plant", "motors", "--joints", "2")) {
            try (BridgeRobotSystem robot = new BridgeRobotSystem(description.spec(), BridgeConfig.from(description),
                PortOpener.of(pty.master()), SystemNanoClock.INSTANCE)) {
                assertEquals(ReturnCode.OK, robot.configure(), robot.statusMessage() + "; firmware alive: "
                    + firmware.process().isAlive());
                assertEquals(ReturnCode.OK, robot.activate(), robot.statusMessage());
                final RobotState state = new RobotState(description.spec());
                final RobotCommand command = RobotCommand.effort(description.spec());
                final int[] errors = new int[1];
                final long periodNs = 500_000L;
                final long[] deadline = {System.nanoTime()};
                final long bytes = AllocationProbe.bytesAllocatedWhenSteady(400, i -> {
                    deadline[0] += periodNs;
                    LockSupport.parkNanos(deadline[0] - System.nanoTime());
                    command.values()[0] = 0.1 * ((i & 1) == 0 ? 1 : -1);
                    command.values()[1] = Double.NaN;
                    if (robot.read(System.nanoTime(), state) != ReturnCode.OK
                        || robot.write(command) != ReturnCode.OK) {
                        errors[0]++;
                    }
                });
                assertEquals(0, errors[0], "every tick OK: " + robot.statusMessage());
                assertEquals(0, bytes, "bytes allocated by read + write over a steady round");
            }
        }
    }
}
