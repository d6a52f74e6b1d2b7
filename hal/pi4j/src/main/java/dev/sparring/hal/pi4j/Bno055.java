package dev.sparring.hal.pi4j;

import com.pi4j.io.i2c.I2C;

import java.util.Set;

/**
 * The Bosch BNO055 9-axis absolute orientation sensor (accelerometer, gyroscope, magnetometer and an on-chip fusion
 * processor) over Pi4J's {@link I2C}, in NDOF fusion mode.
 * <p>
 * {@link #configure()} reads CHIP_ID (register 0x00, 0xA0 on a BNO055) and, only when it matches: OPR_MODE ← CONFIG
 * (then waits {@value #TO_CONFIG_MS} ms, the datasheet's any-to-config switch time), PAGE_ID ← 0, UNIT_SEL ←
 * {@value #UNIT_SEL_VALUE} (m/s², rad/s, radians, °C, Windows orientation), AXIS_MAP_CONFIG and AXIS_MAP_SIGN (the
 * description's remap, the chip's default 0x24/0x00 when none), OPR_MODE ← NDOF (then waits {@value #FROM_CONFIG_MS}
 * ms, the config-to-any switch time). The waits go through the {@link Sleeper}: configure is a lifecycle transition,
 * never a tick.
 * <p>
 * Per tick {@link #read} does one burst read of the data registers spanning the readings in use (at most
 * ACC_DATA_X_LSB 0x08 .. CALIB_STAT 0x35, 46 bytes) into a reused buffer and decodes the little-endian signed words:
 * acceleration raw / 100 m/s², rate raw / 900 rad/s, Euler angles raw / 900 rad (heading 0x1A as yaw, then roll 0x1C
 * and pitch 0x1E, in the chip's convention), the quaternion raw / 2^14 normalised to unit length (the chip's rounding
 * leaves |q| a little off 1; an all-zero quaternion, before the fusion has a solution, stays zero), temperature raw °C
 * (signed byte), CALIB_STAT's four 2-bit fields 0..3. Nothing is allocated.
 */
public final class Bno055 implements Imu {
    /** The address with COM3 low (COM3 high: 0x29). */
    public static final int DEFAULT_ADDRESS = 0x28;
    /** What CHIP_ID reads on a BNO055. */
    public static final int CHIP_ID_VALUE = 0xA0;
    /** CHIP_ID register. */
    public static final int CHIP_ID = 0x00;
    /** PAGE_ID register (on both pages). */
    public static final int PAGE_ID = 0x07;
    /** ACC_DATA_X_LSB, the first data register. */
    public static final int ACC_DATA = 0x08;
    /** GYR_DATA_X_LSB. */
    public static final int GYR_DATA = 0x14;
    /** EUL_DATA_X_LSB: the heading, then roll and pitch. */
    public static final int EUL_DATA = 0x1A;
    /** QUA_DATA_W_LSB: w, x, y, z. */
    public static final int QUA_DATA = 0x20;
    /** TEMP register, a signed byte. */
    public static final int TEMP = 0x34;
    /** CALIB_STAT: sys (bits 7:6), gyro (5:4), accel (3:2), mag (1:0). */
    public static final int CALIB_STAT = 0x35;
    /** SYS_STATUS: 0 idle, 1 system error, 5 fusion running, 6 running without fusion. */
    public static final int SYS_STATUS = 0x39;
    /** SYS_ERR: the error code when SYS_STATUS is 1. */
    public static final int SYS_ERR = 0x3A;
    /** UNIT_SEL register. */
    public static final int UNIT_SEL = 0x3B;
    /** OPR_MODE register. */
    public static final int OPR_MODE = 0x3D;
    /** AXIS_MAP_CONFIG: the chip axis each of X (bits 1:0), Y (3:2), Z (5:4) is, 0 = X, 1 = Y, 2 = Z. */
    public static final int AXIS_MAP_CONFIG = 0x41;
    /** AXIS_MAP_SIGN: X (bit 2), Y (bit 1), Z (bit 0) negated. */
    public static final int AXIS_MAP_SIGN = 0x42;
    /** OPR_MODE CONFIG. */
    public static final int MODE_CONFIG = 0x00;
    /** OPR_MODE NDOF: 9-axis fusion, fast magnetometer calibration on. */
    public static final int MODE_NDOF = 0x0C;
    /** UNIT_SEL: m/s² (bit 0 clear), rad/s (bit 1), radians (bit 2), °C (bit 4 clear), Windows orientation. */
    public static final int UNIT_SEL_VALUE = 0x06;
    /** AXIS_MAP_CONFIG at power-on: X = X, Y = Y, Z = Z. */
    public static final int AXIS_MAP_CONFIG_DEFAULT = 0x24;
    /** The datasheet's switch time from any mode to CONFIG (ms). */
    public static final int TO_CONFIG_MS = 19;
    /** The datasheet's switch time from CONFIG to any operating mode (ms). */
    public static final int FROM_CONFIG_MS = 7;
    /** LSB per m/s². */
    private static final double ACCEL_LSB_PER_MPS2 = 100.0;
    /** LSB per rad/s and per rad, with UNIT_SEL's rad/s and radians. */
    private static final double LSB_PER_RAD = 900.0;
    /** LSB per unit of the quaternion. */
    private static final double QUATERNION_LSB = 1 << 14;
    private static final int LAST_DATA = CALIB_STAT;
    private static final ImuQuantity[] ACCELERATIONS = {ImuQuantity.ACCEL_X, ImuQuantity.ACCEL_Y, ImuQuantity.ACCEL_Z};
    private static final ImuQuantity[] RATES = {ImuQuantity.GYRO_X, ImuQuantity.GYRO_Y, ImuQuantity.GYRO_Z};
    /** In the order of the EUL_DATA words: heading, roll, pitch. */
    private static final ImuQuantity[] EULER_ANGLES = {ImuQuantity.YAW, ImuQuantity.ROLL, ImuQuantity.PITCH};

    private final I2C i2c;
    private final Sleeper sleeper;
    private final int axisMapConfig;
    private final int axisMapSign;
    private final int firstRegister;
    private final int length;
    private final byte[] data;
    private final double[] values = new double[ImuQuantity.values().length];

    /**
     * @param i2c           the chip's I2C device.
     * @param sleeper       waits out the mode switch times in {@link #configure()}.
     * @param axisMapConfig AXIS_MAP_CONFIG.
     * @param axisMapSign   AXIS_MAP_SIGN.
     * @param used          the readings in use: the burst spans their registers only.
     */
    public Bno055(final I2C i2c, final Sleeper sleeper, final int axisMapConfig, final int axisMapSign,
        final Set<ImuQuantity> used) {
        this.i2c = i2c;
        this.sleeper = sleeper;
        this.axisMapConfig = axisMapConfig;
        this.axisMapSign = axisMapSign;
        int first = LAST_DATA;
        int last = ACC_DATA;
        for (final ImuQuantity quantity : used) {
            first = Math.min(first, register(quantity));
            last = Math.max(last, lastRegister(quantity));
        }
        this.firstRegister = Math.min(first, last);
        this.length = last - firstRegister + 1;
        this.data = new byte[length];
    }

    @Override
    public ImuType type() {
        return ImuType.BNO055;
    }

    /**
     * @param quantity a reading of {@link ImuType#BNO055}.
     * @return the first register the burst must cover for it (a quaternion component: the whole quaternion, as it
     *     is normalised).
     */
    static int register(final ImuQuantity quantity) {
        return switch (quantity) {
            case ACCEL_X -> ACC_DATA;
            case ACCEL_Y -> ACC_DATA + 2;
            case ACCEL_Z -> ACC_DATA + 4;
            case GYRO_X -> GYR_DATA;
            case GYRO_Y -> GYR_DATA + 2;
            case GYRO_Z -> GYR_DATA + 4;
            case YAW -> EUL_DATA;
            case ROLL -> EUL_DATA + 2;
            case PITCH -> EUL_DATA + 4;
            case QUAT_W, QUAT_X, QUAT_Y, QUAT_Z -> QUA_DATA;
            case TEMPERATURE -> TEMP;
            case CALIB_SYS, CALIB_GYRO, CALIB_ACCEL, CALIB_MAG -> CALIB_STAT;
        };
    }

    private static int lastRegister(final ImuQuantity quantity) {
        return switch (quantity) {
            case QUAT_W, QUAT_X, QUAT_Y, QUAT_Z -> QUA_DATA + 7;
            case TEMPERATURE, CALIB_SYS, CALIB_GYRO, CALIB_ACCEL, CALIB_MAG -> register(quantity);
            default -> register(quantity) + 1;
        };
    }

    /**
     * Reads CHIP_ID; when it is a BNO055's, sets units and axes in CONFIG mode and starts NDOF fusion, waiting out
     * each mode switch.
     *
     * @return the CHIP_ID value read; nothing was written unless it is {@value #CHIP_ID_VALUE}.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    @Override
    public int configure() {
        final int chipId = i2c.readRegister(CHIP_ID);
        if (chipId != CHIP_ID_VALUE) {
            return chipId;
        }
        i2c.writeRegister(OPR_MODE, (byte) MODE_CONFIG);
        sleeper.sleepMs(TO_CONFIG_MS);
        i2c.writeRegister(PAGE_ID, (byte) 0);
        i2c.writeRegister(UNIT_SEL, (byte) UNIT_SEL_VALUE);
        i2c.writeRegister(AXIS_MAP_CONFIG, (byte) axisMapConfig);
        i2c.writeRegister(AXIS_MAP_SIGN, (byte) axisMapSign);
        i2c.writeRegister(OPR_MODE, (byte) MODE_NDOF);
        sleeper.sleepMs(FROM_CONFIG_MS);
        return chipId;
    }

    /**
     * Reads the registers of the readings in use in one burst and decodes them.
     *
     * @param nowNs unused: the chip fuses on its own clock.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    @Override
    public void read(final long nowNs) {
        i2c.readRegister(firstRegister, data, 0, length);
        for (int axis = 0; axis < 3; axis++) {
            scaled(ACC_DATA + 2 * axis, ACCELERATIONS[axis], 1.0 / ACCEL_LSB_PER_MPS2);
            scaled(GYR_DATA + 2 * axis, RATES[axis], 1.0 / LSB_PER_RAD);
            scaled(EUL_DATA + 2 * axis, EULER_ANGLES[axis], 1.0 / LSB_PER_RAD);
        }
        if (covers(QUA_DATA, 8)) {
            quaternion();
        }
        if (covers(TEMP, 1)) {
            values[ImuQuantity.TEMPERATURE.ordinal()] = data[TEMP - firstRegister];
        }
        if (covers(CALIB_STAT, 1)) {
            final int calib = data[CALIB_STAT - firstRegister] & 0xFF;
            values[ImuQuantity.CALIB_SYS.ordinal()] = (calib >> 6) & 3;
            values[ImuQuantity.CALIB_GYRO.ordinal()] = (calib >> 4) & 3;
            values[ImuQuantity.CALIB_ACCEL.ordinal()] = (calib >> 2) & 3;
            values[ImuQuantity.CALIB_MAG.ordinal()] = calib & 3;
        }
    }

    /**
     * @param quantity a reading of {@link ImuType#BNO055}.
     * @return its value from the last {@link #read}, in its unit (m/s², rad/s, rad, °C, 1, or calibration 0..3);
     *     0 for a reading whose registers the burst does not cover.
     */
    @Override
    public double value(final ImuQuantity quantity) {
        return values[quantity.ordinal()];
    }

    /** The word at {@code register} times {@code unitPerLsb} into {@code quantity}, when the burst covers it. */
    private void scaled(final int register, final ImuQuantity quantity, final double unitPerLsb) {
        if (covers(register, 2)) {
            values[quantity.ordinal()] = word(register) * unitPerLsb;
        }
    }

    private void quaternion() {
        final double w = word(QUA_DATA) / QUATERNION_LSB;
        final double x = word(QUA_DATA + 2) / QUATERNION_LSB;
        final double y = word(QUA_DATA + 4) / QUATERNION_LSB;
        final double z = word(QUA_DATA + 6) / QUATERNION_LSB;
        final double norm = Math.sqrt(w * w + x * x + y * y + z * z);
        final double scale = norm > 0 ? 1.0 / norm : 0.0;
        values[ImuQuantity.QUAT_W.ordinal()] = w * scale;
        values[ImuQuantity.QUAT_X.ordinal()] = x * scale;
        values[ImuQuantity.QUAT_Y.ordinal()] = y * scale;
        values[ImuQuantity.QUAT_Z.ordinal()] = z * scale;
    }

    private boolean covers(final int register, final int bytes) {
        return register >= firstRegister && register + bytes <= firstRegister + length;
    }

    /** The little-endian signed word at {@code register} in the last burst. */
    private int word(final int register) {
        final int at = register - firstRegister;
        return (short) ((data[at] & 0xFF) | (data[at + 1] << 8));
    }
}
