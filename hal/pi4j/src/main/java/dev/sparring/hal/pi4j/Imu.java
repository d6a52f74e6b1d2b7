package dev.sparring.hal.pi4j;

/**
 * An IMU on I2C as the robot system drives it, whatever the chip: configured once (identity checked first), then read
 * once per tick into values that fill sensor channels. {@link #read} allocates nothing; Pi4J's I2C exceptions (a
 * NACK, a missing bus) pass through to the caller, which turns them into ERROR.
 */
interface Imu {

    /**
     * @return the chip.
     */
    ImuType type();

    /**
     * Reads the identity register ({@link ImuType#identityRegister()}); when it is the chip's, configures it.
     *
     * @return the identity value read; nothing was written unless it is {@link ImuType#identity()}.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    int configure();

    /**
     * Reads the data registers in one burst and decodes them.
     *
     * @param nowNs the tick's time, for what integrates over time.
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    void read(long nowNs);

    /**
     * @param quantity a reading the chip gives.
     * @return its value from the last {@link #read}, in its unit.
     */
    double value(ImuQuantity quantity);
}
