package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pi4j backend's MPU-6050 on robots/pan_tilt.yaml plus an {@code imu} entry, against a register-level fake. */
class Mpu6050Test {
    /** Six channels declared in sensors: and filled by the IMU (accel_y and gyro_y left out). */
    static final String IMU_YAML = """
          imu:
            bus: 1
            address: 104
            accel_range_g: 2
            gyro_range_dps: 250
            dlpf: 3
            sample_rate_divider: 4
            channels: {accel_x: imu_ax, accel_z: imu_az, gyro_x: imu_wx, gyro_z: imu_wz, temperature: imu_t}
        """;
    private static final double TOLERANCE = 1e-12;

    private final FakePca9685 pca = new FakePca9685();
    private final FakeMpu6050 mpu = new FakeMpu6050();
    private final FakeInputs inputs = new FakeInputs();
    private final RobotDescription description = RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."),
        panTiltWithImu());
    private final Pi4jRobotSystem system = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
        .add(mpu.provider(Mpu6050.DEFAULT_ADDRESS, pca.provider()), inputs.provider()).build()).create(description);
    private final RobotState state = new RobotState(system.spec());
    private final RobotCommand command = new RobotCommand(system.spec(),
        new CommandMode[] {CommandMode.POSITION, CommandMode.POSITION});

    /**
     * @return robots/pan_tilt.yaml with five sensor channels and the {@link #IMU_YAML} entry at the end of its pi4j
     *     section.
     */
    static String panTiltWithImu() {
        try {
            final String yaml = Files.readString(Path.of("../../robots/pan_tilt.yaml"));
            final String withSensors = yaml.replace("sensors: []", "sensors: [imu_ax, imu_az, imu_wx, imu_wz, imu_t]");
            if (withSensors.equals(yaml)) {
                throw new IllegalStateException("robots/pan_tilt.yaml no longer has 'sensors: []'");
            }
            final int control = withSensors.indexOf("\ncontrol:");
            if (control < 0) {
                throw new IllegalStateException("robots/pan_tilt.yaml no longer has its control section after pi4j");
            }
            return withSensors.substring(0, control + 1) + IMU_YAML + withSensors.substring(control + 1);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void shutDown() {
        system.shutdown();
    }

    @Test
    void configureChecksWhoAmIThenWakesOnThePllAndWritesRateFilterAndFullScales() {
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(List.of("6B: 01", "19: 04", "1A: 03", "1B: 00", "1C: 00"), mpu.writes);
        assertEquals(List.of("00: 30", "FE: 79", "00: 20", "01: 04", "06: 00 00 33 01 00 00 00 10"), pca.transfers);
    }

    @Test
    void otherFullScalesGoToBits4And3() {
        final String yaml = panTiltWithImu().replace("accel_range_g: 2", "accel_range_g: 16")
            .replace("gyro_range_dps: 250", "gyro_range_dps: 500");
        final Pi4jRobotSystem other = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
            .add(mpu.provider(Mpu6050.DEFAULT_ADDRESS, pca.provider()), inputs.provider()).build())
            .create(RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."), yaml));
        try {
            assertEquals(ReturnCode.OK, other.configure());
            assertEquals(List.of("6B: 01", "19: 04", "1A: 03", "1B: 08", "1C: 18"), mpu.writes);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void aTickDecodesTheBurstIntoSiUnitsInTheDeclaredChannels() {
        activate();
        mpu.raw(ImuQuantity.ACCEL_X, -8192);
        mpu.raw(ImuQuantity.ACCEL_Y, 1234);
        mpu.raw(ImuQuantity.ACCEL_Z, 16384);
        mpu.raw(ImuQuantity.TEMPERATURE, -521);
        mpu.raw(ImuQuantity.GYRO_X, 131);
        mpu.raw(ImuQuantity.GYRO_Y, 999);
        mpu.raw(ImuQuantity.GYRO_Z, -32768);
        assertEquals(ReturnCode.OK, system.read(1L, state));
        final double[] sensors = state.sensors();
        assertEquals(-0.5 * 9.80665, sensors[0], TOLERANCE);
        assertEquals(9.80665, sensors[1], TOLERANCE);
        assertEquals(Math.toRadians(1.0), sensors[2], 1e-5);
        assertEquals(-Math.toRadians(250.0), sensors[3], TOLERANCE);
        assertEquals(-521 / 340.0 + 36.53, sensors[4], TOLERANCE);
        assertEquals(35.0, sensors[4], 0.005);
    }

    @Test
    void rollAndPitchComeFromTheTiltFilterSeededByTheFirstTick() {
        final String yaml = panTiltWithImu().replace("gyro_x: imu_wx", "roll: imu_wx")
            .replace("temperature: imu_t", "pitch: imu_t").replace("dlpf: 3", "tilt_filter_s: 0.25");
        final Pi4jRobotSystem tilted = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
            .add(mpu.provider(Mpu6050.DEFAULT_ADDRESS, pca.provider()), inputs.provider()).build())
            .create(RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."), yaml));
        try {
            assertEquals(ReturnCode.OK, tilted.configure());
            assertEquals(ReturnCode.OK, tilted.activate());
            mpu.raw(ImuQuantity.ACCEL_X, -8192);
            mpu.raw(ImuQuantity.ACCEL_Y, 0);
            mpu.raw(ImuQuantity.ACCEL_Z, 14189);
            mpu.raw(ImuQuantity.GYRO_X, 13100);
            assertEquals(ReturnCode.OK, tilted.read(5_000_000L, state));
            assertEquals(0.0, state.sensors()[2], TOLERANCE, "seeded: the rate is not integrated on the first tick");
            assertEquals(Math.atan2(8192, 14189), state.sensors()[4], TOLERANCE);
            assertEquals(Math.toRadians(30.0), state.sensors()[4], 1e-4);
            assertEquals(ReturnCode.OK, tilted.read(6_000_000L, state));
            final double rollRateRadPerS = Math.toRadians(13100 * 250.0 / 32768.0);
            final double gain = 0.001 / (0.25 + 0.001);
            assertEquals((1 - gain) * rollRateRadPerS * 0.001, state.sensors()[2], 1e-9,
                "1 ms of about 100 °/s, pulled back towards the level accelerometer with the 0.25 s time constant");
        } finally {
            tilted.shutdown();
        }
    }

    @Test
    void aWrongChipIsRefusedNamingTheAddressAndTheValueRead() {
        mpu.registers[Mpu6050.WHO_AM_I] = 0x71;
        assertEquals(ReturnCode.ERROR, system.configure());
        assertTrue(system.statusMessage().contains("I2C bus 1 address 0x68 answers but is not an MPU-6050 "
            + "(WHO_AM_I read 0x71, expected 0x68)"), system.statusMessage());
        assertEquals(List.of(), mpu.writes);
    }

    @Test
    void aMissingChipAtConfigureIsAnErrorThatNamesTheAddress() {
        mpu.nack = true;
        assertEquals(ReturnCode.ERROR, system.configure());
        assertTrue(system.statusMessage().contains("no MPU-6050 answers at I2C bus 1 address 0x68"),
            system.statusMessage());
    }

    @Test
    void aNackDuringATickIsAnErrorThatAppliesTheSafeStateAndUnconfigures() {
        activate();
        command.values()[0] = 0.5;
        assertEquals(ReturnCode.OK, system.write(command));
        pca.transfers.clear();
        mpu.nack = true;
        assertEquals(ReturnCode.ERROR, system.read(2L, state));
        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertTrue(system.statusMessage().contains("the MPU-6050 at I2C bus 1 address 0x68 stopped answering"),
            system.statusMessage());
        assertEquals(List.of("06: 00 00 33 01 00 00 00 10"), pca.transfers);
        mpu.nack = false;
        assertEquals(ReturnCode.OK, system.configure());
    }

    @Test
    void aTickAllocatesNothing() {
        activate();
        pca.recording = false;
        mpu.recording = false;
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(10_000, i -> {
            mpu.raw(ImuQuantity.GYRO_Z, i % 1000);
            command.values()[0] = (i % 100) * 0.01;
            system.read(i, state);
            system.write(command);
        });
        assertEquals(0, bytes);
    }

    private void activate() {
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(ReturnCode.OK, system.activate());
        mpu.writes.clear();
        pca.transfers.clear();
    }
}
