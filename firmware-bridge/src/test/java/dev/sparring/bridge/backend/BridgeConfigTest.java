package dev.sparring.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.ConfigException;

import org.junit.jupiter.api.Test;

/** The {@code bridge} section is validated at load, each error naming its field. */
class BridgeConfigTest {
    private static final String JOINTS = """
        name: leg
        backend: bridge
        joints:
          - {name: hip, position_limits: [-1.0, 1.0], max_velocity: 10.0, max_effort: 5.0,
             command_modes: [effort, position]}
          - {name: knee, max_velocity: 10.0, max_effort: 5.0}
        """;

    @Test
    void shouldReadTheSectionWithItsDefaults() {
        final BridgeConfig config = load("""
            bridge:
              port: /dev/ttyACM0
              control_mode: pd
              gains: {hip: {kp: 20.0, kd: 0.5}}
            """);
        assertEquals("/dev/ttyACM0", config.port());
        assertEquals(1_000_000, config.baud());
        assertTrue(config.pd());
        assertArrayEquals(new double[] {20.0, 0.0}, config.kp());
        assertArrayEquals(new double[] {0.5, 0.0}, config.kd());
        assertFalse(config.damping());
        assertEquals(50, config.watchdogMs());
        assertEquals(10_000_000L, config.staleNs());
        assertEquals(0.0, config.linkErrorsPerS());
        assertEquals(2_000_000_000L, config.handshakeTimeoutNs());
    }

    @Test
    void shouldNameTheFieldThatIsWrong() {
        assertRefused("bridge.port", "bridge: {baud: 115200}");
        assertRefused("bridge.baud must be in [50, 16000000], was 0", "bridge: {port: /dev/x, baud: 0}");
        assertRefused("bridge.control_mode must be effort or pd, was 'torque'",
            "bridge: {port: /dev/x, control_mode: torque}");
        assertRefused("joint 'hip' accepts", "bridge: {port: /dev/x}");
        assertRefused("bridge.gains.hip is missing", "bridge: {port: /dev/x, control_mode: pd}");
        assertRefused("bridge.gains.ankle is not a joint of robot 'leg'",
            "bridge: {port: /dev/x, control_mode: pd, gains: {hip: {kp: 1}, ankle: {kp: 1}}}");
        assertRefused("bridge.safe_kd must be > 0 for safe_mode damping",
            "bridge: {port: /dev/x, control_mode: pd, gains: {hip: {kp: 1}}, safe_mode: damping, safe_kd: 0}");
        assertRefused("bridge.watchdog_ms must be in [1, 60000], was 0",
            "bridge: {port: /dev/x, control_mode: pd, gains: {hip: {kp: 1}}, watchdog_ms: 0}");
        assertRefused("bridge.speed is not a known field", "bridge: {port: /dev/x, speed: 9600}");
        assertRefused("bridge.link_errors_per_s must be >= 0",
            "bridge: {port: /dev/x, control_mode: pd, gains: {hip: {kp: 1}}, link_errors_per_s: -1}");
    }

    @Test
    void shouldRefuseMoreJointsThanOneLinkCarries() {
        final StringBuilder yaml = new StringBuilder("name: centipede\nbackend: bridge\njoints:\n");
        for (int j = 0; j < 9; j++) {
            yaml.append("  - {name: j").append(j).append(", max_velocity: 1.0, max_effort: 1.0}\n");
        }
        yaml.append("bridge: {port: /dev/x}\n");
        final ConfigException e = assertThrows(ConfigException.class,
            () -> BridgeConfig.from(TestDescriptions.parse(yaml.toString())));
        assertTrue(e.getMessage().contains("at most 8 joints per firmware link, the robot has 9"), e.getMessage());
    }

    private static BridgeConfig load(final String section) {
        return BridgeConfig.from(TestDescriptions.parse(JOINTS + section));
    }

    private static void assertRefused(final String expected, final String section) {
        final ConfigException e = assertThrows(ConfigException.class, () -> load(section));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
