package dev.sparring.hal.pi4j;

/**
 * A reading an IMU can put in a sensor channel, by its key in {@code pi4j.imu.channels}. Which ones a chip gives is
 * {@link ImuType#quantities()}.
 */
public enum ImuQuantity {
    /** Acceleration along X (m/s²). */
    ACCEL_X("accel_x"),
    /** Acceleration along Y (m/s²). */
    ACCEL_Y("accel_y"),
    /** Acceleration along Z (m/s²). */
    ACCEL_Z("accel_z"),
    /** Angular rate about X (rad/s). */
    GYRO_X("gyro_x"),
    /** Angular rate about Y (rad/s). */
    GYRO_Y("gyro_y"),
    /** Angular rate about Z (rad/s). */
    GYRO_Z("gyro_z"),
    /** Temperature (°C). */
    TEMPERATURE("temperature"),
    /** Roll (rad). */
    ROLL("roll"),
    /** Pitch (rad). */
    PITCH("pitch"),
    /** Yaw, the heading (rad). */
    YAW("yaw"),
    /** Orientation quaternion, scalar part (unit quaternion). */
    QUAT_W("quat_w"),
    /** Orientation quaternion, X. */
    QUAT_X("quat_x"),
    /** Orientation quaternion, Y. */
    QUAT_Y("quat_y"),
    /** Orientation quaternion, Z. */
    QUAT_Z("quat_z"),
    /** The fusion's overall calibration status, 0 (none) .. 3 (full). */
    CALIB_SYS("calib_sys"),
    /** The gyroscope's calibration status, 0..3. */
    CALIB_GYRO("calib_gyro"),
    /** The accelerometer's calibration status, 0..3. */
    CALIB_ACCEL("calib_accel"),
    /** The magnetometer's calibration status, 0..3. */
    CALIB_MAG("calib_mag");

    private static final ImuQuantity[] VALUES = values();

    private final String key;

    ImuQuantity(final String key) {
        this.key = key;
    }

    /**
     * @return its name in a robot description.
     */
    public String key() {
        return key;
    }

    /**
     * @param key a name in a robot description.
     * @return the quantity, or null when no IMU gives one by that name.
     */
    static ImuQuantity byKey(final String key) {
        for (final ImuQuantity quantity : VALUES) {
            if (quantity.key.equals(key)) {
                return quantity;
            }
        }
        return null;
    }
}
