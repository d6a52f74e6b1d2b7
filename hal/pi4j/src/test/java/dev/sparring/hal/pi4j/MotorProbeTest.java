package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;

import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code hw probe} on robots/reaction_wheel.yaml: the motor's outputs listed, its LS7366R read without a write. */
class MotorProbeTest {
    private final FakeLs7366r encoder = new FakeLs7366r(0, 0);
    private final FakeOutputs outputs = new FakeOutputs();
    private final RobotDescription description = RobotDescription.parse("reaction_wheel.yaml", Path.of("."),
        ReactionWheelTest.yaml());
    private final Pi4jBackend backend = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
        .add(new FakeMpu6050().provider(Mpu6050.DEFAULT_ADDRESS, new FakePca9685().provider()),
            new FakeInputs().provider(), outputs.pwmProvider(), outputs.digitalProvider(), encoder.provider())
        .build());

    @Test
    void theProbeListsTheMotorsOutputsAndReadsItsCounterWithReadInstructionsOnly() {
        encoder.mdr0 = Ls7366r.MDR0_X4_FREE_RUNNING;
        encoder.count = 1234;
        final ProbeReport report = backend.probe(description);
        assertTrue(report.lines().contains("joint 'wheel' motor: pwm GPIO 18 (hardware PWM), direction GPIO 23, safe "
            + "state coast (outputs not driven by the probe)"), report.lines().toString());
        assertTrue(report.lines().contains("joint 'wheel' encoder, LS7366R on SPI bus 0 chip select 0 "
            + "(/dev/spidev0.0): MDR0 0x03 (x4 quadrature, free-running: configured), MDR1 0x00, CNTR 1234"),
            report.lines().toString());
        assertEquals(List.of("48 00", "50 00", "60 00 00 00 00"), encoder.transfers);
        assertEquals(List.of(), outputs.calls);
    }

    @Test
    void aCounterThatCannotBeOpenedIsMissing() {
        final Pi4jBackend elsewhere = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
            .add(new FakeMpu6050().provider(Mpu6050.DEFAULT_ADDRESS, new FakePca9685().provider()),
                new FakeInputs().provider(), new FakeLs7366r(0, 1).provider()).build());
        final ProbeReport report = elsewhere.probe(description);
        assertFalse(report.allAnswered());
        assertTrue(report.missing().toString().contains("joint 'wheel' encoder, LS7366R on SPI bus 0 chip select 0"),
            report.missing().toString());
    }
}
