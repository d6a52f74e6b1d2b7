package dev.sparring.hal.pi4j;

import com.pi4j.io.i2c.I2C;

/**
 * The NXP PCA9685 16-channel 12-bit PWM controller over Pi4J's {@link I2C}, driving a contiguous block of channels:
 * servo pulses ({@link #pulseUs}) and H-bridge duty cycles ({@link #duty}).
 * <p>
 * {@link #configure()} puts the chip to sleep (MODE1 {@code SLEEP | AI}: PRESCALE is writable only while asleep), sets
 * PRESCALE for the frequency ({@code round(25 MHz / (4096 · f)) − 1}), wakes it with register auto-increment on
 * (MODE1 {@code AI}), sets totem-pole outputs (MODE2 {@code OUTDRV}) and reads PRESCALE back, so a missing chip or
 * another device at the address is caught at configure. The oscillator needs 500 µs to start: the first pulses come
 * that late, the registers are written at once.
 * <p>
 * Per tick the caller sets each channel's pulse ({@link #pulseUs(int, double)} or {@link #fullOff(int)}) into a reused
 * buffer and {@link #flush()} writes the LEDn_ON_L..LEDn_OFF_H registers of the whole block in one I2C transfer
 * (register pointer, then 4 bytes per channel, auto-incremented). Each pulse starts at count 0 (ON = 0) and ends at
 * OFF = round(pulse / tick), the tick being {@code (PRESCALE + 1) / 25 MHz}. Nothing is allocated here; Pi4J's I2C
 * exceptions (a NACK, a missing bus) pass through to the caller.
 */
public final class Pca9685 {
    /** Outputs on the chip. */
    public static final int CHANNELS = 16;
    /** The address with no address pads bridged. */
    public static final int DEFAULT_ADDRESS = 0x40;
    /** Lowest PWM frequency (PRESCALE 255). */
    public static final double MIN_FREQUENCY_HZ = 24.0;
    /** Highest PWM frequency (PRESCALE 3). */
    public static final double MAX_FREQUENCY_HZ = 1526.0;
    /** MODE1 register. */
    public static final int MODE1 = 0x00;
    /** MODE2 register. */
    public static final int MODE2 = 0x01;
    /** LED0_ON_L, the first of four registers per channel. */
    public static final int LED0_ON_L = 0x06;
    /** PRESCALE register. */
    public static final int PRESCALE = 0xFE;
    /** MODE1: register auto-increment. */
    public static final int MODE1_AI = 0x20;
    /** MODE1: low-power mode, oscillator off. */
    public static final int MODE1_SLEEP = 0x10;
    /** MODE2: totem-pole outputs. */
    public static final int MODE2_OUTDRV = 0x04;
    /** LEDn_OFF_H: the channel is fully off, whatever its counts. */
    public static final int FULL_OFF = 0x10;
    /** LEDn_ON_H: the channel is fully on (unless FULL_OFF is also set). */
    public static final int FULL_ON = 0x10;
    /** The internal oscillator (Hz). */
    public static final double OSCILLATOR_HZ = 25e6;
    private static final int COUNTS = 4096;

    private final I2C i2c;
    private final int firstChannel;
    private final int prescale;
    private final double countsPerUs;
    private final byte[] block;

    /**
     * @param i2c            the chip's I2C device.
     * @param firstChannel   the lowest channel driven.
     * @param lastChannel    the highest channel driven; channels in between not set are written full off.
     * @param pwmFrequencyHz the PWM frequency, [{@value #MIN_FREQUENCY_HZ}, {@value #MAX_FREQUENCY_HZ}].
     */
    public Pca9685(final I2C i2c, final int firstChannel, final int lastChannel, final double pwmFrequencyHz) {
        this.i2c = i2c;
        this.firstChannel = firstChannel;
        this.prescale = prescale(pwmFrequencyHz);
        this.countsPerUs = OSCILLATOR_HZ / 1e6 / (prescale + 1);
        this.block = new byte[1 + 4 * (lastChannel - firstChannel + 1)];
        block[0] = (byte) (LED0_ON_L + 4 * firstChannel);
        for (int channel = firstChannel; channel <= lastChannel; channel++) {
            fullOff(channel);
        }
    }

    /**
     * @param prescale a PRESCALE value.
     * @return the PWM frequency it gives (Hz), {@code 25 MHz / (4096 · (PRESCALE + 1))}.
     */
    public static double frequencyHz(final int prescale) {
        return OSCILLATOR_HZ / (COUNTS * (prescale + 1.0));
    }

    /**
     * @param pwmFrequencyHz the PWM frequency.
     * @return the PRESCALE value for it, {@code round(25 MHz / (4096 · f)) − 1}.
     */
    public static int prescale(final double pwmFrequencyHz) {
        return (int) Math.round(OSCILLATOR_HZ / (COUNTS * pwmFrequencyHz)) - 1;
    }

    /**
     * @return the PRESCALE value written.
     */
    public int prescale() {
        return prescale;
    }

    /**
     * Sleep, PRESCALE, wake with auto-increment, totem-pole outputs; then checks PRESCALE reads back.
     *
     * @return whether PRESCALE read back as written (false: another device answers at the address).
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    public boolean configure() {
        i2c.writeRegister(MODE1, (byte) (MODE1_SLEEP | MODE1_AI));
        i2c.writeRegister(PRESCALE, (byte) prescale);
        i2c.writeRegister(MODE1, (byte) MODE1_AI);
        i2c.writeRegister(MODE2, (byte) MODE2_OUTDRV);
        return i2c.readRegister(PRESCALE) == prescale;
    }

    /**
     * Sets a channel's pulse for the next {@link #flush()}.
     *
     * @param channel the channel, within the block.
     * @param widthUs the pulse width (µs), below the PWM period.
     */
    public void pulseUs(final int channel, final double widthUs) {
        final int off = (int) Math.min(COUNTS - 1, Math.max(0, Math.round(widthUs * countsPerUs)));
        put(channel, off, 0);
    }

    /**
     * Sets a channel full off (no pulse: a hobby servo goes limp) for the next {@link #flush()}.
     *
     * @param channel the channel, within the block.
     */
    public void fullOff(final int channel) {
        put(channel, 0, FULL_OFF);
    }

    /**
     * Sets a channel's duty cycle for the next {@link #flush()}, for an H-bridge input: 0 (or less) is full off, 1 (or
     * more) full on (LEDn_ON_H's FULL_ON bit: no off edge at all), in between OFF = round(duty · 4096), clamped to
     * 1..4095 so that a small non-zero duty still gives a pulse and a large one still ends.
     *
     * @param channel the channel, within the block.
     * @param duty    the fraction of the period the output is high.
     */
    public void duty(final int channel, final double duty) {
        if (!(duty > 0)) {
            fullOff(channel);
        } else if (duty >= 1) {
            final int at = 1 + 4 * (channel - firstChannel);
            block[at] = 0;
            block[at + 1] = (byte) FULL_ON;
            block[at + 2] = 0;
            block[at + 3] = 0;
        } else {
            put(channel, (int) Math.min(COUNTS - 1, Math.max(1, Math.round(duty * COUNTS))), 0);
        }
    }

    /**
     * Writes every channel of the block in one I2C transfer.
     *
     * @throws RuntimeException Pi4J's, when the chip does not answer.
     */
    public void flush() {
        i2c.write(block, 0, block.length);
    }

    private void put(final int channel, final int offCount, final int offHighFlags) {
        final int at = 1 + 4 * (channel - firstChannel);
        block[at] = 0;
        block[at + 1] = 0;
        block[at + 2] = (byte) offCount;
        block[at + 3] = (byte) ((offCount >>> 8) | offHighFlags);
    }
}
