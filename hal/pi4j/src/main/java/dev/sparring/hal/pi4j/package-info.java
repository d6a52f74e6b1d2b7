/**
 * The {@code pi4j} backend: hobby servos on a PCA9685 PWM board over I2C, DC motors through H-bridges with LS7366R
 * encoder counters on SPI, limit switches and an emergency stop on GPIO, all through Pi4J's I/O interfaces so tests run
 * against chip-level fakes.
 */
package dev.sparring.hal.pi4j;
