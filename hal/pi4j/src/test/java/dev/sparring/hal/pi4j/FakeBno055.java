package dev.sparring.hal.pi4j;

/**
 * A BNO055 modelled at register level ({@link FakeRegisterChip}), page 0: CHIP_ID 0xA0, OPR_MODE CONFIG, UNIT_SEL 0x80,
 * AXIS_MAP_CONFIG 0x24 and SYS_STATUS idle at power-on as the datasheet says; as on the chip, a write to any register
 * but OPR_MODE and PAGE_ID is ignored outside CONFIG mode, and entering a fusion mode sets SYS_STATUS to "fusion
 * running". Data words are little-endian.
 */
final class FakeBno055 extends FakeRegisterChip {
    /** SYS_STATUS: fusion algorithm running. */
    static final int FUSION_RUNNING = 5;

    FakeBno055() {
        registers[Bno055.CHIP_ID] = (byte) Bno055.CHIP_ID_VALUE;
        registers[Bno055.OPR_MODE] = Bno055.MODE_CONFIG;
        registers[Bno055.UNIT_SEL] = (byte) 0x80;
        registers[Bno055.AXIS_MAP_CONFIG] = Bno055.AXIS_MAP_CONFIG_DEFAULT;
    }

    @Override
    void onWrite(final int register, final byte value) {
        final boolean inConfig = registers[Bno055.OPR_MODE] == Bno055.MODE_CONFIG;
        if (register == Bno055.OPR_MODE) {
            registers[register] = value;
            registers[Bno055.SYS_STATUS] = (byte) (value == Bno055.MODE_CONFIG ? 0 : FUSION_RUNNING);
        } else if (register == Bno055.PAGE_ID || inConfig) {
            registers[register] = value;
        }
    }

    /**
     * Sets a little-endian data word.
     *
     * @param register its LSB register.
     * @param raw      its raw signed 16-bit value.
     */
    void word(final int register, final int raw) {
        registers[register] = (byte) raw;
        registers[register + 1] = (byte) (raw >> 8);
    }
}
