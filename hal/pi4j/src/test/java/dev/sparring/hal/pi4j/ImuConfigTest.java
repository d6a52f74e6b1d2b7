package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
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
        assertEquals(Map.of(ImuQuantity.ACCEL_X, 0, ImuQuantity.ACCEL_Z, 1, ImuQuantity.GYRO_X, 2,
            ImuQuantity.GYRO_Z, 3, ImuQuantity.TEMPERATURE, 4), imu.channels());
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
        "'address: 64,'|'address: 104,'|pi4j.imu.address is 104, the PCA9685's address on bus 1",
        "'address: 104'|'address: 64'|pi4j.imu.address must be 104 (0x68) or 105 (0x69) for an MPU-6050 (AD0 low: "
            + "0x68, high: 0x69), was 64",
        "'dlpf: 3'|'type: mpu9250'|pi4j.imu.type must be mpu6050 or bno055, was 'mpu9250'",
        "'gyro_z: imu_wz'|'yaw: imu_wz'|pi4j.imu.channels.yaw is not given by an MPU-6050: gravity is no reference "
            + "for heading",
        "'gyro_z: imu_wz'|'quat_w: imu_wz'|pi4j.imu.channels.quat_w is not an MPU-6050 reading; its readings are "
            + "[accel_x, accel_y, accel_z, gyro_x, gyro_y, gyro_z, temperature, roll, pitch]",
        "'dlpf: 3'|'axis_remap: [x, y, z]'|pi4j.imu.axis_remap is not a setting of an MPU-6050 (type: mpu6050)",
        "'dlpf: 3'|'tilt_filter_s: 0'|pi4j.imu.tilt_filter_s must be > 0",
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

    @Test
    void theBno055ExampleIsReadWithItsAxisRemapAndTheDefaultsForItsType() throws IOException {
        final ImuConfig imu = load(bno055Example()).imu().orElseThrow();
        assertEquals(ImuType.BNO055, imu.type());
        assertEquals(Bno055.DEFAULT_ADDRESS, imu.address());
        assertEquals(0x21, imu.axisMapConfig());
        assertEquals(0x02, imu.axisMapSign());
        assertEquals(10, imu.channels().size());
    }

    @Test
    void withoutATypeTheImuIsAnMpu6050() {
        assertEquals(ImuType.MPU6050, load(Mpu6050Test.panTiltWithImu()).imu().orElseThrow().type());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'type: bno055'|'type: bno'|pi4j.imu.type must be mpu6050 or bno055, was 'bno'",
        "'address: 40 '|'address: 104 '|pi4j.imu.address must be 40 (0x28) or 41 (0x29) for a BNO055 (COM3 low: 0x28, "
            + "high: 0x29), was 104",
        "'[y, -x, z]'|'[y, x, z]'|pi4j.imu.axis_remap gives a left-handed frame, was [y, x, z]",
        "'[y, -x, z]'|'[-x, -y, -z]'|pi4j.imu.axis_remap gives a left-handed frame",
        "'[y, -x, z]'|'[y, y, z]'|pi4j.imu.axis_remap must list the chip axis of X, Y and Z, each of x, y, z once",
        "'[y, -x, z]'|'[y, w, z]'|pi4j.imu.axis_remap must list the chip axis",
        "'[y, -x, z]'|'[y, -x]'|pi4j.imu.axis_remap must list the chip axis",
        "'axis_remap: [y, -x, z]'|'dlpf: 3'|pi4j.imu.dlpf is not a setting of a BNO055 (type: bno055)",
        "'calib_sys: imu_calib'|'calib_all: imu_calib'|pi4j.imu.channels.calib_all is not a BNO055 reading; its "
            + "readings are [accel_x,",
    })
    void aBadBno055FieldIsRefusedByName(final String from, final String to, final String expected)
        throws IOException {
        final String yaml = bno055Example();
        final String broken = yaml.replace(from, to);
        assertEquals(true, !broken.equals(yaml), "the test's replacement must apply: " + from);
        final ConfigException error = assertThrows(ConfigException.class, () -> load(broken));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void rightHandedRemapsAreAccepted() throws IOException {
        for (final String remap : new String[] {"[x, y, z]", "[-x, -y, z]", "[z, x, y]", "[x, z, -y]", "[-z, -y, -x]"}) {
            final String yaml = bno055Example().replace("[y, -x, z]", remap);
            assertEquals(ImuType.BNO055, load(yaml).imu().orElseThrow().type(), remap);
        }
    }

    private static String bno055Example() throws IOException {
        return Files.readString(Path.of("../../robots/pan_tilt_bno055.yaml"));
    }

    private static Pi4jConfig load(final String yaml) {
        return Pi4jConfig.from(RobotDescription.parse("pan_tilt_imu.yaml", Path.of("."), yaml));
    }
}
