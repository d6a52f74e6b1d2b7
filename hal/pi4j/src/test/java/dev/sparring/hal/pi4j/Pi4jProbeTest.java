package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.io.gpio.digital.DigitalState;

import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code hw probe} on robots/pan_tilt.yaml against the register-level fake PCA9685 and fake GPIO inputs. */
class Pi4jProbeTest {
    private final FakePca9685 chip = new FakePca9685();
    private final FakeInputs inputs = new FakeInputs();
    private final RobotDescription description = RobotDescription.load(Path.of("../../robots/pan_tilt.yaml"));
    private final Pi4jBackend backend = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
        .add(chip.provider(), inputs.provider()).build());

    @Test
    void aPresentBoardAnswersWithItsModeAndPrescaleDecodedIntoAFrequency() {
        chip.registers[Pca9685.MODE1] = Pca9685.MODE1_AI;
        chip.registers[Pca9685.PRESCALE] = 121;
        final ProbeReport report = backend.probe(description);
        assertEquals("PCA9685 at I2C bus 1 address 0x40: answers; MODE1 0x20 (awake, auto-increment), PRESCALE 121 "
            + "= 50.0 Hz (the description asks 50.0 Hz = PRESCALE 121)", report.lines().get(0));
        assertTrue(report.allAnswered(), report.missing().toString());
    }

    @Test
    void aBoardAtPowerOnIsAsleepAtItsDefaultPrescaleWhichRunWillChange() {
        final ProbeReport report = backend.probe(description);
        assertEquals("PCA9685 at I2C bus 1 address 0x40: answers; MODE1 0x11 (asleep), PRESCALE 30 = 196.9 Hz "
            + "(the description asks 50.0 Hz = PRESCALE 121; run sets it)", report.lines().get(0));
    }

    @Test
    void theProbeWritesNothingToTheBoard() {
        backend.probe(description);
        assertEquals(List.of(), chip.transfers);
    }

    @Test
    void aNackingBoardIsReportedAsNoAnswerAtItsBusAndAddress() {
        chip.nack = true;
        final ProbeReport report = backend.probe(description);
        assertTrue(report.lines().get(0).startsWith("PCA9685 at I2C bus 1 address 0x40: no answer (I2C NACK"),
            report.lines().get(0));
        assertEquals(List.of("PCA9685 at I2C bus 1 address 0x40"), report.missing());
        assertFalse(report.allAnswered());
    }

    @Test
    void theScanFindsTheBoardAtAnotherAddressThanTheDescriptionSays() {
        chip.address = 0x41;
        final ProbeReport report = backend.probe(description);
        assertEquals(List.of("PCA9685 at I2C bus 1 address 0x40"), report.missing());
        assertEquals("I2C bus 1 scan 0x03..0x77: answers at 0x41", report.lines().getLast());
    }

    @Test
    void inputsReportTheirLevelsAndAnAssertedEstop() {
        inputs.set(17, DigitalState.LOW);
        final ProbeReport report = backend.probe(description);
        assertEquals(List.of("e-stop on GPIO 17 (active low): level LOW, ASSERTED now",
            "joint 'tilt' min limit switch on GPIO 5 (active low): level HIGH, released",
            "joint 'tilt' max limit switch on GPIO 6 (active low): level HIGH, released"),
            report.lines().subList(1, 4));
        assertTrue(report.allAnswered(), "an asserted e-stop is wired, not missing");
    }

    @Test
    void aPinThatCannotBeOpenedIsMissing() {
        inputs.makeUnavailable(6);
        final ProbeReport report = backend.probe(description);
        assertEquals(List.of("joint 'tilt' max limit switch on GPIO 6 (active low)"), report.missing());
        assertTrue(report.lines().get(3).contains("cannot be opened (GPIO 6 is busy (fake))"), report.lines().get(3));
    }

    @Test
    void aContextThatCannotStartIsReportedInOneLine() {
        final ProbeReport report = new Pi4jBackend(() -> {
            throw new IllegalStateException("no providers");
        }).probe(description);
        assertEquals(1, report.lines().size());
        assertTrue(report.lines().get(0).startsWith("Pi4J could not start (no providers)"), report.lines().get(0));
        assertFalse(report.allAnswered());
    }
}
