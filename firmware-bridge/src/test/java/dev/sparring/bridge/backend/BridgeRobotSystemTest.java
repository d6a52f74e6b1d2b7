package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.testing.HostFirmware;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.RobotDescription;

import java.util.List;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/** The bridge backend as a plug-in: found by name, and saying in words what went wrong or is worth knowing. */
class BridgeRobotSystemTest {
    private static final String ROBOT = """
        name: arm
        backend: bridge
        joints:
          - {name: shoulder, max_velocity: 10.0, max_effort: 5.0}
        bridge: {port: %s, handshake_timeout_ms: 200}
        """;

    @Test
    void shouldBeFoundByNameAndSayWhyAMissingPortCannotBeConfigured() {
        final RobotDescription description = TestDescriptions.parse(ROBOT.formatted("/dev/no-such-sparring-port"));
        try (RobotSystem robot = RobotBackends.create(description)) {
            assertTrue(robot instanceof BridgeRobotSystem);
            assertTrue(!robot.isSimulated());
            assertEquals(ReturnCode.ERROR, robot.configure());
            assertEquals(LifecycleState.UNCONFIGURED, robot.lifecycleState());
            assertTrue(robot.statusMessage().contains("/dev/no-such-sparring-port"), robot.statusMessage());
        }
    }

    @Test
    void shouldPassOnWhatOpeningThePortWarnedAbout() throws Exception {
        HostFirmware.assumeBuilt();
        final RobotDescription description = TestDescriptions.parse(ROBOT.formatted("pty"));
        try (PseudoTerminal pty = PseudoTerminal.open();
             HostFirmware firmware = HostFirmware.start(pty.slavePath(), "--plant", "motors", "--joints", "1")) {
            try (BridgeRobotSystem robot = new BridgeRobotSystem(description.spec(), BridgeConfig.from(description),
                warnings -> {
                    warnings.accept("latency timer 16 ms");
                    return pty.master();
                }, SystemNanoClock.INSTANCE)) {
                assertEquals(ReturnCode.OK, robot.configure(), robot.statusMessage() + "; firmware alive: "
                    + firmware.process().isAlive());
                assertEquals(List.of("latency timer 16 ms"), robot.warnings());
                assertEquals("", robot.statusMessage());
            }
        }
    }
}
