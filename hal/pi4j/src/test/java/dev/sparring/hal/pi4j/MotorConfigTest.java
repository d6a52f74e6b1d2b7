package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad motor entries in robots/reaction_wheel.yaml are refused at load, naming the field. */
class MotorConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'pwm: {pin: 18}'|'pwm: {pin: 5}'|pi4j.motors.wheel.pwm.pin is GPIO 5, which has no hardware PWM",
        "'direction_pin: 23'|'direction_pin: 17'|pi4j.estop.pin is GPIO 17, already used by motor 'wheel' direction_pin",
        "'direction_pin: 23'|'direction_pin: 8'|pi4j.motors.wheel.encoder.chip_select is GPIO 8, already used by motor "
            + "'wheel' direction_pin",
        "'safe: coast'|'safe: brake'|pi4j.motors.wheel.safe is brake, but with pwm + direction_pin",
        "'      encoder: {spi_bus: 0, chip_select: 0, counts_per_rev: 2048, direction: 1}'|''|pi4j.motors.wheel.encoder "
            + "is missing: motor joint 'wheel' needs feedback",
        "'command_modes: [effort]'|'command_modes: [position]'|a motor through an H-bridge takes effort commands",
        "'direction_pin: 23'|'in2: {pin: 19}'|pi4j.motors.wheel: needs one wiring: pwm and direction_pin",
        "'      pwm: {pin: 18}\n      direction_pin: 23'|'      in1: {pin: 12}\n      in2: {pin: 18}'|pi4j.motors.wheel.in2.pin is GPIO 18 on "
            + "PWM0 (before the Pi 5, GPIO 12 and 18 share PWM0, 13 and 19 PWM1), already used by motor 'wheel' in1 "
            + "on GPIO 12",
        "'max_duty: 0.9'|'max_duty: 1.5'|pi4j.motors.wheel.max_duty must be in (0, 1], was 1.5",
        "'spi_bus: 0, chip_select: 0'|'spi_bus: 1, chip_select: 0'|pi4j.motors.wheel.encoder.chip_select is GPIO 18, "
            + "already used by motor 'wheel' pwm",
        "'      pwm: {pin: 18}'|'      pwm: {pca9685_channel: 8}'|pi4j.motors.wheel.frequency_hz applies to "
            + "hardware PWM pins only",
        "'      pwm: {pin: 18}\n      direction_pin: 23\n      frequency_hz: 20000'|'      pwm: {pca9685_channel: 8}"
            + "\n      direction_pin: 23\n#'|pi4j.pca9685 is missing: servos or motors "
            + "use PCA9685 channels",
        "'  motors:'|'  servos:\n    wheel: {channel: 0, pulse_us: [500, 2500], angle_rad: [-1, 1]}\n  motors:'|"
            + "actuated joint 'wheel' needs exactly one driver: a servo (pi4j.servos.wheel) or a motor "
            + "(pi4j.motors.wheel), has both",
        "'    wheel:\n'|'    spinner:\n'|pi4j.motors.spinner is not a joint of robot 'reaction_wheel'",
    })
    void aBadMotorFieldIsRefusedByName(final String from, final String to, final String expected) {
        final String yaml = ReactionWheelTest.yaml();
        final String broken = yaml.replace(from, to);
        assertEquals(true, !broken.equals(yaml), "the test's replacement must apply: " + from);
        final ConfigException error = assertThrows(ConfigException.class,
            () -> Pi4jConfig.from(RobotDescription.parse("reaction_wheel.yaml", Path.of("."), broken)));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aMotorOnAServosPca9685ChannelIsRefused() throws IOException {
        final String yaml = Files.readString(Path.of("../../robots/pan_tilt.yaml"))
            .replaceFirst("command_modes: \\[position\\]", "command_modes: [effort]")
            .replaceFirst("    pan: [^}]*}\n", "")
            .replace("  servos:", "  motors:\n    pan: {in1: {pca9685_channel: 1}, in2: {pca9685_channel: 2}, "
                + "encoder: {counts_per_rev: 100}}\n  servos:");
        final ConfigException error = assertThrows(ConfigException.class,
            () -> Pi4jConfig.from(RobotDescription.parse("pan_tilt.yaml", Path.of("."), yaml)));
        assertEquals("pan_tilt.yaml: pi4j.servos.tilt.channel is 1, already used by motor 'pan' in1",
            error.getMessage());
    }
}
