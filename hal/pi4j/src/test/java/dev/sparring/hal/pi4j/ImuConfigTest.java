package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code pi4j.imu} entry: read with its defaults, and bad fields refused at load, naming the field. */
class ImuConfigTest {

    @Test
    void theEntryIsReadWithTheDeclaredChannelIndices() {
        final ImuConfig imu = load(Mpu6050Test.panTiltWithImu()).imu().orElseThrow();
        assertEquals(Mpu6050.DEFAULT_ADDRESS, imu.address());
        assertEquals(4, imu.sampleRateDivider());
        assertEquals(Map.of(Mpu6050.Quantity.ACCEL_X, 0, Mpu6050.Quantity.ACCEL_Z, 1, Mpu6050.Quantity.GYRO_X, 2,
            Mpu6050.Quantity.GYRO_Z, 3, Mpu6050.Quantity.TEMPERATURE, 4), imu.channels());
    }

    @Test
    void withoutTheEntryThereIsNoImu() {
        assertEquals(false, load(Mpu6050Test.panTiltWithImu().replace(Mpu6050Test.IMU_YAML, "")).imu().isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'accel_range_g: 2'|'accel_range_g: 3'|pi4j.imu.accel_range_g must be 2, 4, 8 or 16, was 3",
        "'gyro_range_dps: 250'|'gyro_range_dps: 300'|pi4j.imu.gyro_range_dps must be 250, 500, 1000 or 2000, was 300",
        "'dlpf: 3'|'dlpf: 7'|pi4j.imu.dlpf must be in [0, 6], was 7",
        "'address: 104'|'address: 64'|pi4j.imu.address is 64, the PCA9685's address on bus 1",
        "'gyro_z: imu_wz'|'gyro_z: imu_q'|pi4j.imu.channels.gyro_z names channel 'imu_q', which is not in the "
            + "description's sensors",
        "'gyro_z: imu_wz'|'gyro_z: imu_wx'|pi4j.imu.channels.gyro_z names channel 'imu_wx', already filled by gyro_x",
        "'accel_x: imu_ax'|'accel_w: imu_ax'|pi4j.imu.channels.accel_w is not an MPU-6050 reading",
        "'sample_rate_divider: 4'|'rate: 4'|pi4j.imu.rate is not a known field",
    })
    void aBadFieldIsRefusedByName(final String from, final String to, final String expected) {
        final String yaml = Mpu6050Test.panTiltWithImu();
        final String broken = yaml.replace(from, to);
        assertEquals(true, !broken.equals(yaml), "the test's replacement must apply: " + from);
        final ConfigException error = assertThrows(ConfigException.class, () -> load(broken));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
    }

    private static Pi4jConfig load(final String yaml) {
        return Pi4jConfig.from(RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."), yaml));
    }
}
