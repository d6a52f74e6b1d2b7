package dev.sparring.hal.pi4j;

import dev.sparring.hal.config.ConfigNode;

import java.util.HashMap;
import java.util.Map;

/**
 * What a description's outputs and inputs have claimed so far, while it is validated: GPIO pins, PCA9685 channels and
 * hardware PWM channels, each by one user, so a second claim fails naming the field and the first user.
 */
final class Claims {
    /** Highest BCM GPIO number on a Raspberry Pi header. */
    static final int MAX_PIN = 27;

    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<Integer, String> pca9685Channels = new HashMap<>();
    private final Map<Integer, String> pwmChannels = new HashMap<>();

    /**
     * Claims a GPIO pin; a shared use (an SPI bus's clock and data lines) may claim the same pin again.
     *
     * @param node the entry, for the error.
     * @param key  the field naming the pin.
     * @param pin  the BCM pin.
     * @param use  who uses it, for a later conflict's message.
     * @throws dev.sparring.hal.config.ConfigException when another use holds it.
     */
    void pin(final ConfigNode node, final String key, final int pin, final String use) {
        claim(pins, node, key, "GPIO " + pin, pin, use);
    }

    /**
     * @param node    the entry, for the error.
     * @param key     the field naming the channel.
     * @param channel the PCA9685 channel.
     * @param use     who uses it.
     * @throws dev.sparring.hal.config.ConfigException when another use holds it.
     */
    void pca9685Channel(final ConfigNode node, final String key, final int channel, final String use) {
        claim(pca9685Channels, node, key, String.valueOf(channel), channel, use);
    }

    /**
     * Claims a hardware PWM pin and its PWM channel (before the Pi 5, GPIO 12 and 18 share PWM0, 13 and 19 PWM1).
     *
     * @param node the entry, for the error.
     * @param key  the field naming the pin.
     * @param pin  the BCM pin, one with a hardware PWM function.
     * @param use  who uses it.
     * @throws dev.sparring.hal.config.ConfigException when the pin or its channel is taken.
     */
    void pwmPin(final ConfigNode node, final String key, final int pin, final String use) {
        pin(node, key, pin, use);
        final int channel = HardwarePwmOutput.channel(pin, false);
        claim(pwmChannels, node, key, "GPIO " + pin + " on PWM" + channel + " (before the Pi 5, GPIO 12 and 18 share "
            + "PWM0, 13 and 19 PWM1)", channel, use + " on GPIO " + pin);
    }

    /** @return whether anything claimed a PCA9685 channel. */
    boolean anyPca9685Channel() {
        return !pca9685Channels.isEmpty();
    }

    private static void claim(final Map<Integer, String> claimed, final ConfigNode node, final String key,
        final String what, final int id, final String use) {
        final String previous = claimed.putIfAbsent(id, use);
        if (previous != null && !(previous.equals(use) && use.startsWith("SPI"))) {
            throw node.error(key, "is " + what + ", already used by " + previous);
        }
    }
}
