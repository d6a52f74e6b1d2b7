package dev.sparring.bridge.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The latency timer of a USB-serial adapter (FTDI and others driven by {@code usbserial}): the adapter holds received
 * bytes until its buffer fills or the timer runs out, 16 ms by default, which is longer than a 1 kHz control period.
 * Linux shows the timer in {@code /sys/bus/usb-serial/devices/ttyUSBn/latency_timer}.
 */
public final class UsbLatencyTimer {
    /** The sysfs mount point. */
    public static final Path SYSFS = Path.of("/sys");
    /** The timer at or below which no warning is given, in ms. */
    public static final int MAX_QUIET_MS = 1;

    private UsbLatencyTimer() {
    }

    /**
     * @param devicePath the serial device, e.g. {@code /dev/ttyUSB0} or a {@code /dev/serial/by-id/} link to it.
     * @param sysfsRoot  where sysfs is mounted ({@link #SYSFS}; a test gives a directory of its own).
     * @return a warning naming the device, its timer and the command that lowers it, when the device is a
     *         USB-serial adapter whose timer is above {@value #MAX_QUIET_MS} ms; empty otherwise (not such an
     *         adapter, or its timer unreadable).
     */
    public static Optional<String> warning(final String devicePath, final Path sysfsRoot) {
        final String name = deviceName(Path.of(devicePath));
        final Path timer = sysfsRoot.resolve("bus/usb-serial/devices").resolve(name).resolve("latency_timer");
        final int timerMs;
        try {
            timerMs = Integer.parseInt(Files.readString(timer).trim());
        } catch (final IOException | NumberFormatException ex) {
            return Optional.empty();
        }
        if (timerMs <= MAX_QUIET_MS) {
            return Optional.empty();
        }
        return Optional.of(devicePath + " is a USB-serial adapter whose latency timer is " + timerMs + " ms: it holds "
            + "received bytes up to " + timerMs + " ms, longer than a 1 kHz control period. Lower it to 1 ms: echo 1 | "
            + "sudo tee " + timer + " (a udev rule makes it stick across replugs)");
    }

    private static String deviceName(final Path devicePath) {
        Path real;
        try {
            real = devicePath.toRealPath();
        } catch (final IOException ex) {
            real = devicePath;
        }
        final Path name = real.getFileName();
        return name == null ? "" : name.toString();
    }
}
