/**
 * Serial ports and pseudo-terminals on Linux through JNA on libc's termios and ioctl calls: raw, exclusive,
 * non-blocking, any baud rate, allocation-free reads, writes and waits.
 */
package dev.sparring.bridge.serial;
