package dev.sparring.hal.pi4j;

import com.pi4j.io.i2c.I2C;

import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The optional {@code pi4j.imu} entry: an MPU-6050 or a BNO055 on I2C whose readings fill sensor channels of the
 * description's {@code sensors:} list.
 * <pre>
 * imu:
 *   type: mpu6050           # mpu6050 (default) or bno055
 *   bus: 1                  # the I2C bus (default 1)
 *   address: 104            # mpu6050: 104 = 0x68 (AD0 low, default) or 105; bno055: 40 = 0x28 (default) or 41
 *   # mpu6050 only:
 *   accel_range_g: 2        # 2, 4, 8 or 16 (default 2)
 *   gyro_range_dps: 250     # 250, 500, 1000 or 2000 (default 250)
 *   dlpf: 3                 # DLPF_CFG 0..6, the low-pass filter (default 3: 44 Hz accel, 42 Hz gyro)
 *   sample_rate_divider: 0  # SMPLRT_DIV 0..255 (default 0)
 *   tilt_filter_s: 0.5      # roll/pitch complementary filter time constant (s, default 0.5)
 *   # bno055 only:
 *   axis_remap: [x, y, z]   # the chip axis (optionally negated, -y) each of X, Y, Z is; right-handed (default)
 *   channels:               # at least one; each names a channel of sensors:
 *     accel_x: imu_ax       # m/s²; also accel_y, accel_z
 *     gyro_z: imu_wz        # rad/s; also gyro_x, gyro_y
 *     roll: imu_roll        # rad; also pitch; yaw (bno055 only)
 *     temperature: imu_t    # °C
 *     # bno055 only: quat_w, quat_x, quat_y, quat_z (unit quaternion), calib_sys, calib_gyro, calib_accel,
 *     # calib_mag (0..3)
 * </pre>
 *
 * @param type              the chip.
 * @param bus               the I2C bus number.
 * @param address           the chip's 7-bit address.
 * @param channels          the sensor channel index each reading fills.
 * @param accelRangeG       MPU-6050: the accelerometer full scale (g).
 * @param gyroRangeDps      MPU-6050: the gyroscope full scale (°/s).
 * @param dlpf              MPU-6050: DLPF_CFG.
 * @param sampleRateDivider MPU-6050: SMPLRT_DIV.
 * @param tiltFilterS       MPU-6050: the roll/pitch filter's time constant (s).
 * @param axisMapConfig     BNO055: AXIS_MAP_CONFIG.
 * @param axisMapSign       BNO055: AXIS_MAP_SIGN.
 */
public record ImuConfig(ImuType type, int bus, int address, Map<ImuQuantity, Integer> channels, int accelRangeG,
                        int gyroRangeDps, int dlpf, int sampleRateDivider, double tiltFilterS, int axisMapConfig,
                        int axisMapSign) {

    private static final String[] COMMON_KEYS = {"type", "bus", "address", "channels"};
    private static final String[] MPU6050_KEYS = {"accel_range_g", "gyro_range_dps", "dlpf", "sample_rate_divider",
        "tilt_filter_s"};
    private static final String[] BNO055_KEYS = {"axis_remap"};
    private static final String AXES = "xyz";

    /** Copies the map. */
    public ImuConfig {
        channels = Map.copyOf(channels);
    }

    /**
     * @param i2c     the chip's I2C device.
     * @param sleeper waits out mode switch times at configure.
     * @return the driver for this chip with these settings.
     */
    Imu open(final I2C i2c, final Sleeper sleeper) {
        return switch (type) {
            case MPU6050 -> new Mpu6050(i2c, accelRangeG, gyroRangeDps, dlpf, sampleRateDivider, tiltFilterS);
            case BNO055 -> new Bno055(i2c, sleeper, axisMapConfig, axisMapSign, channels.keySet());
        };
    }

    /**
     * @return "I2C bus 1 address 0x68", for messages.
     */
    String where() {
        return I2cDevices.where(bus, address);
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
        final String typeKey = node.string("type", ImuType.MPU6050.key());
        final ImuType type = ImuType.byKey(typeKey);
        if (type == null) {
            throw node.error("type", "must be mpu6050 or bno055, was '" + typeKey + "'");
        }
        final boolean mpu6050 = type == ImuType.MPU6050;
        for (final String key : mpu6050 ? BNO055_KEYS : MPU6050_KEYS) {
            if (node.has(key)) {
                throw node.error(key, "is not a setting of " + type.aChip() + " (type: " + type.key() + ")");
            }
        }
        final List<String> keys = new ArrayList<>(List.of(COMMON_KEYS));
        keys.addAll(List.of(mpu6050 ? MPU6050_KEYS : BNO055_KEYS));
        node.requireOnlyKeys(keys.toArray(new String[0]));
        final int bus = (int) node.integer("bus", 1, 0, 255);
        final int address = (int) node.integer("address", type.defaultAddress(), 0x03, 0x77);
        if (address != type.defaultAddress() && address != type.defaultAddress() + 1) {
            throw node.error("address", String.format(Locale.ROOT, "must be %d (0x%02X) or %d (0x%02X) for %s (%s), "
                + "was %d", type.defaultAddress(), type.defaultAddress(), type.defaultAddress() + 1,
                type.defaultAddress() + 1, type.aChip(), type.addressPins(), address));
        }
        final Map<ImuQuantity, Integer> channels = channels(node, spec, type);
        if (type == ImuType.BNO055) {
            final int[] remap = axisRemap(node);
            return new ImuConfig(type, bus, address, channels, 0, 0, 0, 0, 0.0, remap[0], remap[1]);
        }
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
        final double tiltFilterS = node.positiveNumber("tilt_filter_s", 0.5);
        return new ImuConfig(type, bus, address, channels, accelRangeG, gyroRangeDps, dlpf, divider, tiltFilterS,
            Bno055.AXIS_MAP_CONFIG_DEFAULT, 0);
    }

    private static Map<ImuQuantity, Integer> channels(final ConfigNode node, final RobotSpec spec,
        final ImuType type) {
        final ConfigNode channelNodes = node.child("channels");
        final List<String> readings = new ArrayList<>();
        for (final ImuQuantity quantity : type.quantities()) {
            readings.add(quantity.key());
        }
        final Map<ImuQuantity, Integer> channels = new EnumMap<>(ImuQuantity.class);
        final Map<String, String> used = new HashMap<>();
        for (final String key : channelNodes.keys()) {
            final ImuQuantity quantity = ImuQuantity.byKey(key);
            if (quantity == ImuQuantity.YAW && !type.quantities().contains(quantity)) {
                throw channelNodes.error(key, "is not given by " + type.aChip() + ": gravity is no reference for "
                    + "heading and integrated rates drift; use a chip with a magnetometer (type: bno055) or leave "
                    + "yaw out");
            }
            if (quantity == null || !type.quantities().contains(quantity)) {
                throw channelNodes.error(key, "is not " + type.aChip() + " reading; its readings are " + readings);
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
            throw node.error("channels", "is empty: name the sensor channel of at least one reading " + readings);
        }
        return channels;
    }

    /**
     * @return {AXIS_MAP_CONFIG, AXIS_MAP_SIGN} from {@code axis_remap}: X, Y, Z each a different chip axis, negated
     *     or not, and the result a right-handed frame (the fusion assumes one).
     */
    private static int[] axisRemap(final ConfigNode node) {
        if (!node.has("axis_remap")) {
            return new int[] {Bno055.AXIS_MAP_CONFIG_DEFAULT, 0};
        }
        final List<String> axes = node.strings("axis_remap");
        final String problem = "must list the chip axis of X, Y and Z, each of x, y, z once, negated with '-' as "
            + "needed (e.g. [y, -x, z]), was " + axes;
        if (axes.size() != 3) {
            throw node.error("axis_remap", problem);
        }
        final int[] chipAxis = new int[3];
        int mapConfig = 0;
        int mapSign = 0;
        int negations = 0;
        for (int i = 0; i < 3; i++) {
            final String axis = axes.get(i).trim().toLowerCase(Locale.ROOT);
            final boolean negated = axis.startsWith("-");
            final String name = negated ? axis.substring(1) : axis;
            chipAxis[i] = name.length() == 1 ? AXES.indexOf(name.charAt(0)) : -1;
            if (chipAxis[i] < 0) {
                throw node.error("axis_remap", problem);
            }
            mapConfig |= chipAxis[i] << (2 * i);
            if (negated) {
                mapSign |= 4 >> i;
                negations++;
            }
        }
        if (chipAxis[0] == chipAxis[1] || chipAxis[1] == chipAxis[2] || chipAxis[0] == chipAxis[2]) {
            throw node.error("axis_remap", problem);
        }
        final boolean evenPermutation = (chipAxis[1] - chipAxis[0] + 3) % 3 == 1;
        if (evenPermutation == (negations % 2 == 1)) {
            throw node.error("axis_remap", "gives a left-handed frame, was " + axes + ": negate one more axis, or "
                + "one fewer (the fusion assumes right-handed axes)");
        }
        return new int[] {mapConfig, mapSign};
    }
}
