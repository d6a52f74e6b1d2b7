package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;

import dev.sparring.hal.config.ConfigNode;

/**
 * Where an H-bridge input's duty cycle comes from: {@code {pin: 18}}, a Raspberry Pi hardware PWM pin (BCM 12, 13, 18
 * or 19), or {@code {pca9685_channel: 8}}, a channel of the description's PCA9685.
 *
 * @param pin            the BCM pin, or -1.
 * @param pca9685Channel the PCA9685 channel, or -1.
 */
record DutyOutputConfig(int pin, int pca9685Channel) {

    /**
     * Reads and claims an output entry.
     *
     * @param parent the motor's entry.
     * @param key    the output's field ({@code pwm}, {@code in1}, {@code in2}).
     * @param claims what is taken so far.
     * @param use    who uses it, for a later conflict's message.
     * @return the output.
     * @throws dev.sparring.hal.config.ConfigException naming the field that is wrong.
     */
    static DutyOutputConfig from(final ConfigNode parent, final String key, final Claims claims, final String use) {
        final ConfigNode node = parent.child(key).requireOnlyKeys("pin", "pca9685_channel");
        if (node.has("pin") == node.has("pca9685_channel")) {
            throw node.invalid("needs exactly one of pin (a hardware PWM GPIO: 12, 13, 18, 19) or pca9685_channel "
                + "(0.." + (Pca9685.CHANNELS - 1) + ")");
        }
        if (node.has("pca9685_channel")) {
            final int channel = (int) node.integer("pca9685_channel", -1, 0, Pca9685.CHANNELS - 1);
            claims.pca9685Channel(node, "pca9685_channel", channel, use);
            return new DutyOutputConfig(-1, channel);
        }
        final int pin = (int) node.integer("pin", -1, 0, Claims.MAX_PIN);
        boolean hardware = false;
        for (final int candidate : HardwarePwmOutput.PINS) {
            hardware |= candidate == pin;
        }
        if (!hardware) {
            throw node.error("pin", "is GPIO " + pin + ", which has no hardware PWM: use 12, 13, 18 or 19 "
                + "(dtoverlay=pwm-2chan), or a pca9685_channel");
        }
        claims.pwmPin(node, "pin", pin, use);
        return new DutyOutputConfig(pin, -1);
    }

    /** @return whether it is a PCA9685 channel (else a hardware PWM pin). */
    boolean onPca9685() {
        return pca9685Channel >= 0;
    }

    /**
     * Opens the output, low.
     *
     * @param context     the Pi4J context.
     * @param chip        the PCA9685, when the description has one.
     * @param frequencyHz the hardware PWM frequency.
     * @return the output.
     * @throws RuntimeException Pi4J's, when a PWM pin cannot be opened.
     */
    DutyOutput open(final Context context, final Pca9685 chip, final int frequencyHz) {
        return onPca9685() ? new Pca9685Output(chip, pca9685Channel)
            : HardwarePwmOutput.open(context, pin, frequencyHz);
    }

    @Override
    public String toString() {
        return onPca9685() ? "PCA9685 channel " + pca9685Channel : "GPIO " + pin + " (hardware PWM)";
    }
}
