package dev.sparring.hal.pi4j;

import com.pi4j.io.i2c.I2C;

import java.util.Arrays;

/**
 * The InvenSense MPU-6050 6-axis IMU (3-axis accelerometer, 3-axis gyroscope, die temperature) over Pi4J's
 * {@link I2C}.
 * <p>
 * {@link #configure()} reads WHO_AM_I (0x68 whatever the AD0 pin) and, only when it matches, wakes the chip with the
 * X gyro's PLL as clock (PWR_MGMT_1 = 0x01), then writes SMPLRT_DIV, CONFIG (the digital low-pass filter),
 * GYRO_CONFIG and ACCEL_CONFIG (the full scales, FS_SEL and AFS_SEL in bits 4:3).
 * <p>
 * Per tick {@link #read()} does one 14-byte burst read from ACCEL_XOUT_H (the chip auto-increments the register
 * pointer) into a reused buffer and decodes the big-endian signed 16-bit words into {@link ImuQuantity} values:
 * accelerations in m/s² (raw / (16384 / range_g) · g), the temperature in °C (raw / 340 + 36.53) and angular rates in
 * rad/s (raw / (32768 / range_dps) in °/s); a {@link TiltFilter} turns accelerations and rates into roll and pitch
 * (the chip has no reference for yaw). Nothing is allocated here; Pi4J's I2C exceptions (a NACK, a missing bus) pass
 * through to the caller.
 */
public final class Mpu6050 implements Imu {
    /** The address with AD0 low (AD0 high: 0x69). */
    public static final int DEFAULT_ADDRESS = 0x68;
    /** What WHO_AM_I reads on an MPU-6050. */
    public static final int WHO_AM_I_VALUE = 0x68;
    /** SMPLRT_DIV register: sample rate = gyro output rate / (1 + value). */
    public static final int SMPLRT_DIV = 0x19;
    /** CONFIG register: DLPF_CFG in bits 2:0. */
    public static final int CONFIG = 0x1A;
    /** GYRO_CONFIG register: FS_SEL in bits 4:3. */
    public static final int GYRO_CONFIG = 0x1B;
    /** ACCEL_CONFIG register: AFS_SEL in bits 4:3. */
    public static final int ACCEL_CONFIG = 0x1C;
    /** ACCEL_XOUT_H, the first of the 14 data registers. */
    public static final int ACCEL_XOUT_H = 0x3B;
    /** PWR_MGMT_1 register. */
    public static final int PWR_MGMT_1 = 0x6B;
    /** WHO_AM_I register. */
    public static final int WHO_AM_I = 0x75;
    /** PWR_MGMT_1: awake (SLEEP clear), clock from the X gyro's PLL (CLKSEL = 1). */
    public static final int PWR_MGMT_1_PLL_X = 0x01;
    /** Standard gravity (m/s²). */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;
    /** Accelerometer full scales (g), AFS_SEL 0..3. */
    private static final int[] ACCEL_RANGES_G = {2, 4, 8, 16};
    /** Gyroscope full scales (°/s), FS_SEL 0..3. */
    private static final int[] GYRO_RANGES_DPS = {250, 500, 1000, 2000};
    private static final int DATA_BYTES = 14;

    /** The readings of the 14 data registers' seven big-endian words, in register order. */
    static final ImuQuantity[] DATA_WORDS = {ImuQuantity.ACCEL_X, ImuQuantity.ACCEL_Y, ImuQuantity.ACCEL_Z,
        ImuQuantity.TEMPERATURE, ImuQuantity.GYRO_X, ImuQuantity.GYRO_Y, ImuQuantity.GYRO_Z};

    private final I2C i2c;
    private final int accelSelect;
    private final int gyroSelect;
    private final int dlpf;
    private final int sampleRateDivider;
    private final double accelMps2PerCount;
    private final double gyroRadPerSecondPerCount;
    private final byte[] data = new byte[DATA_BYTES];
    private final double[] values = new double[ImuQuantity.values().length];
    private final TiltFilter tilt;

    /**
     * @param i2c               the chip's I2C device.
     * @param accelRangeG       the accelerometer full scale, 2, 4, 8 or 16 g.
     * @param gyroRangeDps      the gyroscope full scale, 250, 500, 1000 or 2000 °/s.
     * @param dlpf              DLPF_CFG, 0..6 (0: 260 Hz accel / 256 Hz gyro bandwidth, 6: 5 Hz).
     * @param sampleRateDivider SMPLRT_DIV, 0..255.
     * @param tiltFilterS       the roll/pitch complementary filter's time constant τ (s), &gt; 0.
     */
    public Mpu6050(final I2C i2c, final int accelRangeG, final int gyroRangeDps, final int dlpf,
        final int sampleRateDivider, final double tiltFilterS) {
        this.i2c = i2c;
        this.accelSelect = select(ACCEL_RANGES_G, accelRangeG, "accelerometer range (g)");
        this.gyroSelect = select(GYRO_RANGES_DPS, gyroRangeDps, "gyroscope range (°/s)");
        this.dlpf = dlpf;
        this.sampleRateDivider = sampleRateDivider;
        this.accelMps2PerCount = accelRangeG * STANDARD_GRAVITY_MPS2 / 32768.0;
        this.gyroRadPerSecondPerCount = Math.toRadians(gyroRangeDps / 32768.0);
        this.tilt = new TiltFilter(tiltFilterS);
    }

    @Override
    public ImuType type() {
        return ImuType.MPU6050;
    }

    /**
     * @param range a full scale.
     * @return whether the chip offers it as an accelerometer range (g).
     */
    public static boolean isAccelRangeG(final int range) {
        return indexOf(ACCEL_RANGES_G, range) >= 0;
    }

    /**
     * @param range a full scale.
     * @return whether the chip offers it as a gyroscope range (°/s).
     */
    public static boolean isGyroRangeDps(final int range) {
        return indexOf(GYRO_RANGES_DPS, range) >= 0;
    }

    /**
     * Reads WHO_AM_I; when it is an MPU-6050's, wakes the chip on the PLL clock and writes the sample rate divider,
     * the low-pass filter and both full scales.
     *
     * @return the WHO_AM_I value read; nothing was written unless it is {@value #WHO_AM_I_VALUE}.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    @Override
    public int configure() {
        tilt.reset();
        final int whoAmI = i2c.readRegister(WHO_AM_I);
        if (whoAmI != WHO_AM_I_VALUE) {
            return whoAmI;
        }
        i2c.writeRegister(PWR_MGMT_1, (byte) PWR_MGMT_1_PLL_X);
        i2c.writeRegister(SMPLRT_DIV, (byte) sampleRateDivider);
        i2c.writeRegister(CONFIG, (byte) dlpf);
        i2c.writeRegister(GYRO_CONFIG, (byte) (gyroSelect << 3));
        i2c.writeRegister(ACCEL_CONFIG, (byte) (accelSelect << 3));
        return whoAmI;
    }

    /**
     * Reads the 14 data registers in one burst, decodes them and updates the roll/pitch filter.
     *
     * @param nowNs the tick's time: the filter's dt.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    @Override
    public void read(final long nowNs) {
        i2c.readRegister(ACCEL_XOUT_H, data, 0, DATA_BYTES);
        for (int w = 0; w < DATA_WORDS.length; w++) {
            final int raw = (short) ((data[2 * w] << 8) | (data[2 * w + 1] & 0xFF));
            final ImuQuantity quantity = DATA_WORDS[w];
            final double value;
            if (quantity == ImuQuantity.TEMPERATURE) {
                value = raw / 340.0 + 36.53;
            } else if (w < 3) {
                value = raw * accelMps2PerCount;
            } else {
                value = raw * gyroRadPerSecondPerCount;
            }
            values[quantity.ordinal()] = value;
        }
        tilt.update(nowNs, values[ImuQuantity.ACCEL_X.ordinal()], values[ImuQuantity.ACCEL_Y.ordinal()],
            values[ImuQuantity.ACCEL_Z.ordinal()], values[ImuQuantity.GYRO_X.ordinal()],
            values[ImuQuantity.GYRO_Y.ordinal()], values[ImuQuantity.GYRO_Z.ordinal()]);
        values[ImuQuantity.ROLL.ordinal()] = tilt.rollRad();
        values[ImuQuantity.PITCH.ordinal()] = tilt.pitchRad();
    }

    /**
     * @param quantity a reading of {@link ImuType#MPU6050}.
     * @return its value from the last {@link #read}, in its unit (m/s², °C, rad/s or rad).
     */
    @Override
    public double value(final ImuQuantity quantity) {
        return values[quantity.ordinal()];
    }

    private static int select(final int[] ranges, final int range, final String what) {
        final int index = indexOf(ranges, range);
        if (index < 0) {
            throw new IllegalArgumentException("MPU-6050 " + what + " " + range + " is not one of "
                + Arrays.toString(ranges));
        }
        return index;
    }

    private static int indexOf(final int[] ranges, final int range) {
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] == range) {
                return i;
            }
        }
        return -1;
    }
}
