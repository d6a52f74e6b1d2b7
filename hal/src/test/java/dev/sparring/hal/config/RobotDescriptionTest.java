package dev.sparring.hal.config;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobotDescriptionTest {
    private static final String VALID = """
        name: arm
        backend: mock
        joints:
          - name: hip
            type: revolute
            position_limits: [-1.5, 1.5]
            max_velocity: 8.0
            max_effort: 2.0
            command_modes: [effort, position]
          - name: free
            passive: true
            max_velocity: 30
        sensors: [imu_x]
        control: {rate_hz: 500}
        """;

    private static RobotDescription parse(final String yaml) {
        return RobotDescription.parse("arm.yaml", Path.of("/robots"), yaml);
    }

    private static void assertRejected(final String yaml, final String expected) {
        final ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertTrue(e.getMessage().startsWith("arm.yaml"), e.getMessage());
    }

    @Test
    void shouldLoadJointsLimitsModesAndSections() {
        final RobotDescription description = parse(VALID);
        assertEquals("arm", description.spec().name());
        assertEquals("mock", description.backend());
        assertEquals(2, description.spec().jointCount());
        assertEquals(Set.of(CommandMode.EFFORT, CommandMode.POSITION), description.spec().joints().get(0).commandModes());
        assertEquals(JointType.REVOLUTE, description.spec().joints().get(1).type());
        assertFalse(description.spec().joints().get(1).isActuated());
        assertEquals(Double.POSITIVE_INFINITY, description.spec().joints().get(1).positionMax());
        assertEquals(0, description.spec().sensorIndex("imu_x"));
        assertEquals(500.0, description.section("control").number("rate_hz"));
        assertEquals(Path.of("/policies/a.policy"), description.resolve("../policies/a.policy"));
    }

    @Test
    void shouldNameTheFieldAndValueOfANegativeEffort() {
        assertRejected(VALID.replace("max_effort: 2.0", "max_effort: -2.0"), "joints[0].max_effort must be > 0, was -2.0");
    }

    @Test
    void shouldRejectUnknownFieldsAndMissingOnes() {
        assertRejected(VALID.replace("max_velocity: 8.0", "max_velocty: 8.0"), "joints[0].max_velocty is not a known");
        assertRejected(VALID.replace("backend: mock\n", ""), "backend is required but missing");
        assertRejected(VALID.replace("name: arm\n", "name: arm\ncolour: red\n"), "colour is not a known field");
    }

    @Test
    void shouldRejectBadLimitsTypesAndModes() {
        assertRejected(VALID.replace("[-1.5, 1.5]", "[1.5, -1.5]"), "joints[0].position_limits must be [min, max]");
        assertRejected(VALID.replace("type: revolute", "type: ball"), "joints[0].type must be revolute or prismatic");
        assertRejected(VALID.replace("[effort, position]", "[torque]"), "joints[0].command_modes[0] unknown command mode");
        assertRejected(VALID.replace("max_velocity: 30", "max_velocity: 30\n    max_effort: 1"),
            "joints[1].passive is true");
        assertRejected(VALID.replace("name: free", "name: hip"), "two joints named 'hip'");
        assertRejected(VALID.replace("max_velocity: 8.0", "max_velocity: fast"), "joints[0].max_velocity must be a number");
    }

    @Test
    void shouldReportMissingFileAndBrokenYamlClearly() throws Exception {
        final ConfigException missing = assertThrows(ConfigException.class,
            () -> RobotDescription.load(Path.of("/no/such/robot.yaml")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        final Path broken = Files.createTempFile("broken", ".yaml");
        try {
            Files.writeString(broken, "name: [unclosed\n");
            final ConfigException yaml = assertThrows(ConfigException.class, () -> RobotDescription.load(broken));
            assertTrue(yaml.getMessage().contains("is not valid YAML"), yaml.getMessage());
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        assertRejected("name: " + "[".repeat(100_000), "line 1: mappings and lists are nested more than 64 levels");
        assertRejected(VALID + "sim: " + "{a: ".repeat(65) + "1" + "}".repeat(65), "line 15: mappings and lists are "
            + "nested more than 64 levels");
    }

    @Test
    void shouldAcceptTheNestingLimitItself() {
        assertEquals("arm", parse(VALID + "mock: " + "[".repeat(63) + "]".repeat(63)).spec().name());
    }

    @Test
    void shouldRefuseTextLongerThanADescriptionMayBe() {
        assertRejected("name: " + "x".repeat(RobotDescription.MAX_FILE_BYTES), "more than the 262144 a robot "
            + "description may take");
    }
}
