/**
 * Hardware-in-the-loop tests (JUnit tag {@code hil}): the bridge backend and the controller against the reference
 * firmware, built for the host and run on a pseudo-terminal, and built for the STM32F405 and run under QEMU.
 */
package dev.sparring.tests.hil;
