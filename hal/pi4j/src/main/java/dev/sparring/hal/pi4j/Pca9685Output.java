package dev.sparring.hal.pi4j;

/**
 * A PCA9685 channel as an H-bridge input: the duty cycle goes into the chip's buffer, written with the servos' pulses
 * by the tick's one {@link Pca9685#flush()}. 12-bit resolution at the chip's one PWM frequency.
 */
final class Pca9685Output implements DutyOutput {
    private final Pca9685 chip;
    private final int channel;

    /**
     * @param chip    the board.
     * @param channel the channel, 0..15, within the chip's block.
     */
    Pca9685Output(final Pca9685 chip, final int channel) {
        this.chip = chip;
        this.channel = channel;
    }

    @Override
    public void duty(final double duty) {
        chip.duty(channel, duty);
    }

    @Override
    public void forget() {
        // the whole block is written every flush
    }
}
