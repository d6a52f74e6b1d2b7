package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.Pi4J;

import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A motor wired to two PCA9685 channels (DRV8833 style) with a braking safe state. */
class TwoInputMotorTest {
    private static final String YAML = """
        name: wheel_on_hat
        backend: pi4j
        joints:
          - {name: wheel, type: revolute, max_velocity: 100.0, max_effort: 0.2, command_modes: [effort]}
        pi4j:
          pca9685: {pwm_frequency_hz: 1000}
          motors:
            wheel:
              in1: {pca9685_channel: 8}
              in2: {pca9685_channel: 9}
              safe: brake
              encoder: {spi_bus: 0, chip_select: 1, counts_per_rev: 1000}
          estop: {pin: 17}
        """;

    private final FakePca9685 chip = new FakePca9685();
    private final FakeLs7366r encoder = new FakeLs7366r(0, 1);
    private final Pi4jRobotSystem system = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
        .add(chip.provider(), new FakeInputs().provider(), encoder.provider()).build())
        .create(RobotDescription.parse("wheel_on_hat.yaml", Path.of("."), YAML));
    private final RobotCommand command = RobotCommand.effort(system.spec());

    @AfterEach
    void shutDown() {
        system.shutdown();
    }

    @Test
    void positiveEffortPwmsIn1NegativeIn2AndTheSafeStateBrakesWithBothFullOn() {
        assertEquals(ReturnCode.OK, system.configure(), system.statusMessage());
        assertEquals(ReturnCode.OK, system.activate());
        assertBraking();
        command.values()[0] = 0.1;
        system.write(command);
        assertEquals(2048, chip.offCount(8));
        assertEquals(-1, chip.offCount(9));
        command.values()[0] = -0.05;
        system.write(command);
        assertEquals(-1, chip.offCount(8));
        assertEquals(1024, chip.offCount(9));
        command.values()[0] = Double.NaN;
        system.write(command);
        assertBraking();
        command.values()[0] = 0.1;
        system.write(command);
        system.deactivate();
        assertBraking();
    }

    private void assertBraking() {
        for (final int channel : new int[] {8, 9}) {
            final int at = Pca9685.LED0_ON_L + 4 * channel;
            assertEquals(Pca9685.FULL_ON, chip.registers[at + 1], "LED" + channel + "_ON_H full on");
            assertEquals(0, chip.registers[at + 3] & Pca9685.FULL_OFF, "LED" + channel + "_OFF_H not full off");
        }
    }
}
