package dev.sparring.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency timer warning, against a sysfs tree the test makes.
 */
class UsbLatencyTimerTest {
    @TempDir
    Path sysfs;

    @Test
    void shouldWarnWithTheCommandWhenTheTimerIsAboveOneMillisecond() throws IOException {
        final Path timer = timer("ttyUSB0", "16\n");

        assertEquals(Optional.of("/dev/ttyUSB0 is a USB-serial adapter whose latency timer is 16 ms: it holds received "
                + "bytes up to 16 ms, longer than a 1 kHz control period. Lower it to 1 ms: echo 1 | sudo tee " + timer
                + " (a udev rule makes it stick across replugs)"),
            UsbLatencyTimer.warning("/dev/ttyUSB0", sysfs));
    }

    @Test
    void shouldStayQuietAtOneMillisecond() throws IOException {
        timer("ttyUSB1", "1\n");

        assertEquals(Optional.empty(), UsbLatencyTimer.warning("/dev/ttyUSB1", sysfs));
    }

    @Test
    void shouldStayQuietForADeviceWithoutATimer() {
        assertEquals(Optional.empty(), UsbLatencyTimer.warning("/dev/ttyACM0", sysfs));
        assertEquals(Optional.empty(), UsbLatencyTimer.warning("/dev/pts/3", sysfs));
    }

    @Test
    void shouldFollowALinkToTheDevice(@TempDir final Path dev) throws IOException {
        final Path device = Files.createFile(dev.resolve("ttyUSB2"));
        final Path link = Files.createSymbolicLink(dev.resolve("usb-FTDI_FT232R_A12345-if00-port0"), device);
        timer("ttyUSB2", "16\n");

        assertEquals(true, UsbLatencyTimer.warning(link.toString(), sysfs).isPresent());
    }

    private Path timer(final String device, final String value) throws IOException {
        final Path directory = Files.createDirectories(sysfs.resolve("bus/usb-serial/devices").resolve(device));
        return Files.writeString(directory.resolve("latency_timer"), value);
    }
}
