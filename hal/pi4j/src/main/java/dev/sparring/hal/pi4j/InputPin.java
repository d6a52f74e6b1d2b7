package dev.sparring.hal.pi4j;

/**
 * A GPIO input and the level at which it is asserted.
 *
 * @param pin        the BCM pin number.
 * @param activeHigh whether a high level asserts it (else low: a switch to ground with the pull-up on).
 */
public record InputPin(int pin, boolean activeHigh) {
}
