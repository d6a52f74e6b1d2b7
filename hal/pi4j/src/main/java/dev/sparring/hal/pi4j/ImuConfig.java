package dev.sparring.hal.pi4j;

import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigNode;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The optional {@code pi4j.imu} entry: an MPU-6050 on I2C whose readings fill sensor channels of the description's
 * {@code sensors:} list.
 * <pre>
 * imu:
 *   bus: 1                  # the I2C bus (default 1)
 *   address: 104            # 0x68 with AD0 low, 105 = 0x69 with AD0 high (default 104)
 *   accel_range_g: 2        # 2, 4, 8 or 16 (default 2)
 *   gyro_range_dps: 250     # 250, 500, 1000 or 2000 (default 250)
 *   dlpf: 3                 # DLPF_CFG 0..6, the low-pass filter (default 3: 44 Hz accel, 42 Hz gyro)
 *   sample_rate_divider: 0  # SMPLRT_DIV 0..255 (default 0)
 *   channels:               # at least one; each names a channel of sensors:
 *     accel_x: imu_ax       # m/s²; also accel_y, accel_z
 *     gyro_z: imu_wz        # rad/s; also gyro_x, gyro_y
 *     temperature: imu_t    # °C
 * </pre>
 *
 * @param bus               the I2C bus number.
 * @param address           the chip's 7-bit address.
 * @param accelRangeG       the accelerometer full scale (g).
 * @param gyroRangeDps      the gyroscope full scale (°/s).
 * @param dlpf              DLPF_CFG.
 * @param sampleRateDivider SMPLRT_DIV.
 * @param channels          the sensor channel index each reading fills.
 */
public record ImuConfig(int bus, int address, int accelRangeG, int gyroRangeDps, int dlpf, int sampleRateDivider,
                        Map<Mpu6050.Quantity, Integer> channels) {

    /** Copies the map. */
    public ImuConfig {
        channels = Map.copyOf(channels);
    }

    /**
     * Reads and validates the {@code imu} entry.
     *
     * @param node the entry.
     * @param spec the robot, whose sensor channels the readings fill.
     * @return the configuration.
     * @throws dev.sparring.hal.config.ConfigException naming the field that is wrong.
     */
    static ImuConfig from(final ConfigNode node, final RobotSpec spec) {
        node.requireOnlyKeys("bus", "address", "accel_range_g", "gyro_range_dps", "dlpf", "sample_rate_divider",
            "channels");
        final int bus = (int) node.integer("bus", 1, 0, 255);
        final int address = (int) node.integer("address", Mpu6050.DEFAULT_ADDRESS, 0x03, 0x77);
        final int accelRangeG = (int) node.integer("accel_range_g", 2, 0, Integer.MAX_VALUE);
        if (!Mpu6050.isAccelRangeG(accelRangeG)) {
            throw node.error("accel_range_g", "must be 2, 4, 8 or 16, was " + accelRangeG);
        }
        final int gyroRangeDps = (int) node.integer("gyro_range_dps", 250, 0, Integer.MAX_VALUE);
        if (!Mpu6050.isGyroRangeDps(gyroRangeDps)) {
            throw node.error("gyro_range_dps", "must be 250, 500, 1000 or 2000, was " + gyroRangeDps);
        }
        final int dlpf = (int) node.integer("dlpf", 3, 0, 6);
        final int divider = (int) node.integer("sample_rate_divider", 0, 0, 255);
        final ConfigNode channelNodes = node.child("channels");
        final Map<String, Mpu6050.Quantity> byKey = new HashMap<>();
        for (final Mpu6050.Quantity quantity : Mpu6050.Quantity.values()) {
            byKey.put(quantity.key(), quantity);
        }
        final Map<Mpu6050.Quantity, Integer> channels = new EnumMap<>(Mpu6050.Quantity.class);
        final Map<String, String> used = new HashMap<>();
        for (final String key : channelNodes.keys()) {
            final Mpu6050.Quantity quantity = byKey.get(key);
            if (quantity == null) {
                throw channelNodes.error(key, "is not an MPU-6050 reading; readings are " + byKey.keySet());
            }
            final String channel = channelNodes.string(key);
            final int index = spec.sensorIndex(channel);
            if (index < 0) {
                throw channelNodes.error(key, "names channel '" + channel + "', which is not in the description's "
                    + "sensors: " + spec.sensorChannels() + "; declare it there");
            }
            final String previous = used.putIfAbsent(channel, key);
            if (previous != null) {
                throw channelNodes.error(key, "names channel '" + channel + "', already filled by " + previous);
            }
            channels.put(quantity, index);
        }
        if (channels.isEmpty()) {
            throw node.error("channels", "is empty: name the sensor channel of at least one reading "
                + byKey.keySet());
        }
        return new ImuConfig(bus, address, accelRangeG, gyroRangeDps, dlpf, divider, channels);
    }
}
