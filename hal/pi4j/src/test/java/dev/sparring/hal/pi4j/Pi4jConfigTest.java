package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad pi4j sections are refused at load, naming the field. */
class Pi4jConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'channel: 0,'|'channel: 16,'|pi4j.servos.pan.channel must be in [0, 15], was 16",
        "'channel: 1,'|'channel: 0,'|pi4j.servos.tilt.channel is 0, already used by joint 'pan'",
        "'pwm_frequency_hz: 50'|'pwm_frequency_hz: 2000'|pi4j.pca9685.pwm_frequency_hz must be in [24.0, 1526.0]",
        "'pulse_us: [500, 2500]'|'pulse_us: [500, 25000]'|pi4j.servos.pan.pulse_us must be > 0 and below the PWM period",
        "'direction: -1'|'direction: 2'|pi4j.servos.tilt.direction must be 1 or -1, was 2.0",
        "'safe_rad: 0.0'|'safe_rad: 2.0'|pi4j.servos.pan.safe_rad must be within joint 'pan' position_limits",
        "'[-1.4, 1.4]'|'[-1.7, 1.4]'|pi4j.servos.pan.angle_rad covers servo angles [-1.5708, 1.5708] but joint 'pan'",
        "'max_pin: 6'|'max_pin: 17'|pi4j.limit_switches.tilt.max_pin is GPIO 17, already used by estop",
        "'pin: 17, active: low'|'pin: 17, active: sideways'|pi4j.estop.active must be low or high, was 'sideways'",
        "'  estop: {pin: 17, active: low}'|''|pi4j.estop is required but missing",
    })
    void aBadFieldIsRefusedByName(final String from, final String to, final String expected) throws IOException {
        final String yaml = Files.readString(Path.of("../../robots/pan_tilt.yaml"));
        final String broken = yaml.replace(from, to);
        assertEquals(true, !broken.equals(yaml), "the test's replacement must apply: " + from);
        final ConfigException error = assertThrows(ConfigException.class,
            () -> Pi4jConfig.from(RobotDescription.parse("pan_tilt.yaml", Path.of("."), broken)));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
    }
}
