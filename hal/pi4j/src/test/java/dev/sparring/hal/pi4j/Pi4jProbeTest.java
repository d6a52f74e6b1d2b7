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
    void aBno055ReportsItsChipIdCalibrationAndSystemStatusWithoutAWrite() {
        final FakeBno055 bno = new FakeBno055();
        bno.registers[Bno055.CALIB_STAT] = (byte) 0b11_10_01_00;
        bno.registers[Bno055.SYS_STATUS] = FakeBno055.FUSION_RUNNING;
        final ProbeReport report = probeWithImu(bno, Bno055.DEFAULT_ADDRESS, "../../robots/pan_tilt_bno055.yaml");
        assertEquals("BNO055 at I2C bus 1 address 0x28: answers; CHIP_ID 0xA0 (BNO055), calibration sys 3 gyro 2 "
            + "accel 1 mag 0 (of 3), SYS_STATUS 5 (fusion running), SYS_ERR 0", report.lines().get(1));
        assertEquals(List.of(), bno.writes);
        assertEquals("I2C bus 1 scan 0x03..0x77: answers at 0x28, 0x40", report.lines().getLast());
        assertTrue(report.allAnswered(), report.missing().toString());
    }

    @Test
    void anMpu6050ReportsItsWhoAmI() {
        final FakeMpu6050 mpu = new FakeMpu6050();
        final ProbeReport report = probeWithImu(mpu, Mpu6050.DEFAULT_ADDRESS, null);
        assertEquals("MPU-6050 at I2C bus 1 address 0x68: answers; WHO_AM_I 0x68 (MPU-6050)", report.lines().get(1));
        assertEquals(List.of(), mpu.writes);
    }

    @Test
    void anotherChipAtTheImuAddressIsReportedWithWhatItsIdentityRegisterRead() {
        final FakeMpu6050 mpu = new FakeMpu6050();
        mpu.registers[Mpu6050.WHO_AM_I] = 0x71;
        final ProbeReport report = probeWithImu(mpu, Mpu6050.DEFAULT_ADDRESS, null);
        assertEquals("MPU-6050 at I2C bus 1 address 0x68: answers, but WHO_AM_I 0x71 (an MPU-6050 reads 0x68): "
            + "another chip, or the wrong type", report.lines().get(1));
    }

    @Test
    void aNackingImuIsMissingNamingItsAddressPin() {
        final FakeBno055 bno = new FakeBno055();
        bno.nack = true;
        final ProbeReport report = probeWithImu(bno, Bno055.DEFAULT_ADDRESS, "../../robots/pan_tilt_bno055.yaml");
        assertEquals(List.of("BNO055 at I2C bus 1 address 0x28"), report.missing());
        assertTrue(report.lines().get(1).startsWith("BNO055 at I2C bus 1 address 0x28: no answer (I2C NACK (fake)): "
            + "check wiring, power and the address pin (COM3 low: 0x28, high: 0x29)"), report.lines().get(1));
    }

    /** Probes the description at {@code path} (null: pan_tilt with the MPU-6050 entry) with {@code imu} on the bus. */
    private ProbeReport probeWithImu(final FakeRegisterChip imu, final int address, final String path) {
        final RobotDescription withImu = path == null
            ? RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."), Mpu6050Test.panTiltWithImu())
            : RobotDescription.load(Path.of(path));
        return new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
            .add(imu.provider(address, chip.provider()), inputs.provider()).build()).probe(withImu);
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
