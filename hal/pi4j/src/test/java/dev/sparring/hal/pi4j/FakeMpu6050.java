package dev.sparring.hal.pi4j;

/**
 * An MPU-6050 modelled at register level ({@link FakeRegisterChip}): WHO_AM_I = 0x68 and PWR_MGMT_1 = 0x40 (asleep)
 * at power-on as the datasheet says, big-endian data words from ACCEL_XOUT_H.
 */
final class FakeMpu6050 extends FakeRegisterChip {

    FakeMpu6050() {
        registers[Mpu6050.WHO_AM_I] = 0x68;
        registers[Mpu6050.PWR_MGMT_1] = 0x40;
    }

    /**
     * Sets one of the 14 data registers' big-endian word.
     *
     * @param quantity the reading, one of {@link Mpu6050#DATA_WORDS}.
     * @param raw      its raw signed 16-bit value.
     */
    void raw(final ImuQuantity quantity, final int raw) {
        int word = 0;
        while (Mpu6050.DATA_WORDS[word] != quantity) {
            word++;
        }
        final int at = Mpu6050.ACCEL_XOUT_H + 2 * word;
        registers[at] = (byte) (raw >> 8);
        registers[at + 1] = (byte) raw;
    }
}
