package dev.sparring.hal.pi4j;

import com.pi4j.io.i2c.I2C;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The IMU chips {@code pi4j.imu.type} names: what each is called, where it answers and which readings it gives. */
public enum ImuType {
    /** InvenSense MPU-6050: accelerations, rates, temperature; roll and pitch from a {@link TiltFilter}. */
    MPU6050("mpu6050", "MPU-6050", "an MPU-6050", Mpu6050.DEFAULT_ADDRESS, "AD0 low: 0x68, high: 0x69", "WHO_AM_I",
        Mpu6050.WHO_AM_I, Mpu6050.WHO_AM_I_VALUE, EnumSet.range(ImuQuantity.ACCEL_X, ImuQuantity.PITCH)),
    /** Bosch BNO055: accelerations, rates, temperature, fused Euler angles and quaternion, calibration status. */
    BNO055("bno055", "BNO055", "a BNO055", Bno055.DEFAULT_ADDRESS, "COM3 low: 0x28, high: 0x29", "CHIP_ID", Bno055.CHIP_ID,
        Bno055.CHIP_ID_VALUE, EnumSet.allOf(ImuQuantity.class));

    private final String key;
    private final String chip;
    private final String aChip;
    private final int defaultAddress;
    private final String addressPins;
    private final String identityName;
    private final int identityRegister;
    private final int identity;
    private final Set<ImuQuantity> quantities;

    ImuType(final String key, final String chip, final String aChip, final int defaultAddress, final String addressPins,
        final String identityName, final int identityRegister, final int identity, final Set<ImuQuantity> quantities) {
        this.key = key;
        this.chip = chip;
        this.aChip = aChip;
        this.defaultAddress = defaultAddress;
        this.addressPins = addressPins;
        this.identityName = identityName;
        this.identityRegister = identityRegister;
        this.identity = identity;
        this.quantities = Collections.unmodifiableSet(quantities);
    }

    /**
     * @param key a {@code type} value.
     * @return the chip, or null when none is called that.
     */
    static ImuType byKey(final String key) {
        for (final ImuType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        return null;
    }

    /**
     * @return its {@code type} value.
     */
    public String key() {
        return key;
    }

    /**
     * @return the chip's name, for messages.
     */
    public String chip() {
        return chip;
    }

    /**
     * @return the chip's name with its article ("an MPU-6050"), for messages.
     */
    public String aChip() {
        return aChip;
    }

    /**
     * @return its address unless its address pin is pulled the other way.
     */
    public int defaultAddress() {
        return defaultAddress;
    }

    /**
     * @return how its address pin selects the address, for messages.
     */
    public String addressPins() {
        return addressPins;
    }

    /**
     * @return the identity register's name, for messages.
     */
    public String identityName() {
        return identityName;
    }

    /**
     * @return the identity register.
     */
    public int identityRegister() {
        return identityRegister;
    }

    /**
     * @return what the identity register reads on this chip.
     */
    public int identity() {
        return identity;
    }

    /**
     * @return the readings it gives.
     */
    public Set<ImuQuantity> quantities() {
        return quantities;
    }

    /**
     * @param where  the bus and address, for messages.
     * @param actual what the identity register read.
     * @return the problem when it is not this chip's identity.
     */
    String notThisChip(final String where, final int actual) {
        return String.format(Locale.ROOT, "the device at %s answers but is not %s (%s read 0x%02X, expected "
            + "0x%02X): check pi4j.imu.type and pi4j.imu.address", where, aChip, identityName, actual, identity);
    }

    /**
     * Reads, without writing, what tells whether this chip is there and how it is doing: the identity register, and
     * for a BNO055 also CALIB_STAT, SYS_STATUS and SYS_ERR.
     *
     * @param i2c the device.
     * @return a description of what was read.
     * @throws RuntimeException Pi4J's, when nothing answers.
     */
    String probe(final I2C i2c) {
        final int read = i2c.readRegister(identityRegister);
        final String id = String.format(Locale.ROOT, "%s 0x%02X", identityName, read);
        if (read != identity) {
            return String.format(Locale.ROOT, "answers, but %s (%s reads 0x%02X): another chip, or the wrong type",
                id, aChip, identity);
        }
        if (this != BNO055) {
            return "answers; " + id + " (" + chip + ")";
        }
        final int calib = i2c.readRegister(Bno055.CALIB_STAT);
        final int status = i2c.readRegister(Bno055.SYS_STATUS);
        final int error = i2c.readRegister(Bno055.SYS_ERR);
        return String.format(Locale.ROOT, "answers; %s (%s), calibration sys %d gyro %d accel %d mag %d (of 3), "
            + "SYS_STATUS %d (%s), SYS_ERR %d", id, chip, (calib >> 6) & 3, (calib >> 4) & 3, (calib >> 2) & 3,
            calib & 3, status, systemStatus(status), error);
    }

    private static String systemStatus(final int status) {
        return switch (status) {
            case 0 -> "idle";
            case 1 -> "system error";
            case 2 -> "initialising peripherals";
            case 3 -> "initialising";
            case 4 -> "self-test";
            case 5 -> "fusion running";
            case 6 -> "running without fusion";
            default -> "unknown";
        };
    }
}
