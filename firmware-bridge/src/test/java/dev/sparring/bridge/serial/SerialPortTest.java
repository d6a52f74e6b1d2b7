package dev.sparring.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial port over a pseudo-terminal pair: bytes pass unchanged, the port is exclusive, custom rates are taken,
 * hang-ups are seen from both sides, the error messages say what to do, and reads, writes and waits allocate nothing.
 */
class SerialPortTest {
    private static final int WAIT_MS = 2000;

    @Test
    void shouldPassEveryByteValueUnchangedBothWays() {
        final UnsafeBuffer all = new UnsafeBuffer(new byte[256]);
        for (int i = 0; i < 256; i++) {
            all.putByte(i, (byte) i);
        }
        try (PseudoTerminal pty = PseudoTerminal.open(); SerialPort slave = SerialPort.open(pty.slavePath(), 115_200)) {
            final SerialPort master = pty.master();

            assertArrayEquals(all.byteArray(), transfer(slave, master, all, new UnsafeBuffer(new byte[256])));
            assertArrayEquals(all.byteArray(), transfer(master, slave, all, new UnsafeBuffer(new byte[256])));
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            direct.putBytes(0, all, 0, 256);
            assertArrayEquals(all.byteArray(), transfer(slave, master, direct, new UnsafeBuffer(new byte[256])));
            assertArrayEquals(all.byteArray(),
                transfer(master, slave, all, new UnsafeBuffer(ByteBuffer.allocateDirect(256))));
        }
    }

    @Test
    void shouldReadNothingAndTimeOutWhenNothingArrived() {
        try (PseudoTerminal pty = PseudoTerminal.open(); SerialPort slave = SerialPort.open(pty.slavePath(), 115_200)) {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);

            assertEquals(0, slave.read(buffer, 0, 16));
            assertEquals(0, pty.master().read(buffer, 0, 16));
            assertEquals(SerialPort.TIMED_OUT, slave.await(0));
            assertEquals(SerialPort.TIMED_OUT, pty.master().await(1));
        }
    }

    @Test
    void shouldRefuseASecondOpenOfTheSamePortAsBusy() {
        try (PseudoTerminal pty = PseudoTerminal.open(); SerialPort first = SerialPort.open(pty.slavePath(), 115_200)) {
            final SerialPortException error = assertThrows(SerialPortException.class,
                () -> SerialPort.open(pty.slavePath(), 115_200).close());

            assertEquals("serial port " + pty.slavePath() + " is in use by another program; find it with: fuser -v "
                + pty.slavePath(), error.getMessage());
            assertTrue(first.fd() >= 0);
        }
    }

    @Test
    void shouldOpenThePortAgainOnceClosed() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            SerialPort.open(pty.slavePath(), 115_200).close();
            try (SerialPort again = SerialPort.open(pty.slavePath(), 115_200)) {
                assertTrue(again.fd() >= 0);
            }
        }
    }

    @Test
    void shouldNameAMissingPortAndWhereStableNamesAre() {
        final SerialPortException error = assertThrows(SerialPortException.class,
            () -> SerialPort.open("/dev/ttyUSB-sparring-missing", 115_200));

        assertEquals("serial port /dev/ttyUSB-sparring-missing does not exist: is the board plugged in? Connected "
            + "adapters are listed, by stable names, in /dev/serial/by-id/", error.getMessage());
        assertEquals(LibC.ENOENT, error.errno());
    }

    @Test
    void shouldRefuseAFileThatIsNotATerminal(@TempDir final Path directory) throws IOException {
        final Path file = Files.writeString(directory.resolve("not-a-port"), "x");

        final SerialPortException error = assertThrows(SerialPortException.class,
            () -> SerialPort.open(file.toString(), 115_200));

        assertEquals(file + " is not a serial port (not a terminal device): check the path; serial adapters appear "
            + "as /dev/ttyUSB*, /dev/ttyACM* or under /dev/serial/by-id/", error.getMessage());
        assertEquals(LibC.ENOTTY, error.errno());
    }

    @Test
    void shouldTellHowToGetPermissionWhenRefused() {
        assertEquals("no permission to open /dev/ttyUSB0: add your user to the group that owns it (usually dialout: "
                + "sudo usermod -aG dialout $USER, then log in again)",
            SerialPort.openError("/dev/ttyUSB0", LibC.EACCES).getMessage());
        assertEquals("serial port /dev/ttyUSB0 is in use by another program; find it with: fuser -v /dev/ttyUSB0",
            SerialPort.openError("/dev/ttyUSB0", LibC.EBUSY).getMessage());
    }

    @Test
    void shouldRefuseABaudRateThatIsNotPositive() {
        final SerialPortException error = assertThrows(SerialPortException.class,
            () -> SerialPort.open("/dev/ttyUSB0", 0));

        assertEquals("baud rate for /dev/ttyUSB0 must be > 0, was 0", error.getMessage());
    }

    @Test
    void shouldSetStandardAndCustomBaudRates() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            for (final int baud : new int[]{115_200, 1_000_000, 250_000, 3_000_001}) {
                try (SerialPort port = SerialPort.open(pty.slavePath(), baud)) {
                    assertEquals(baud, port.baudRate());
                }
            }
        }
        assertEquals(0x1002, Termios2.speedBits(115_200));
        assertEquals(0x1008, Termios2.speedBits(1_000_000));
        assertEquals(0x1000, Termios2.speedBits(250_000));
    }

    @Test
    void shouldSeeTheHangUpWhenTheMasterCloses() {
        final PseudoTerminal pty = PseudoTerminal.open();
        try (SerialPort slave = SerialPort.open(pty.slavePath(), 115_200)) {
            pty.close();

            assertEquals(SerialPort.HUNG_UP, slave.await(WAIT_MS));
            assertEquals(SerialPort.GONE, slave.read(new UnsafeBuffer(new byte[8]), 0, 8));
            assertEquals(SerialPort.GONE, slave.write(new UnsafeBuffer(new byte[8]), 0, 8));
        }
    }

    @Test
    void shouldSeeTheHangUpWhenThePeerClosesTheSlave() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            final SerialPort slave = SerialPort.open(pty.slavePath(), 115_200);
            pty.releaseSlave();
            assertEquals(SerialPort.TIMED_OUT, pty.master().await(0));

            slave.close();

            assertEquals(SerialPort.HUNG_UP, pty.master().await(WAIT_MS));
            assertEquals(SerialPort.GONE, pty.master().read(new UnsafeBuffer(new byte[8]), 0, 8));
            assertEquals(LibC.EIO, pty.master().lastErrno());
        }
    }

    @Test
    void shouldReadWriteAndWaitWithoutAllocating() {
        try (PseudoTerminal pty = PseudoTerminal.open(); SerialPort slave = SerialPort.open(pty.slavePath(), 115_200)) {
            final SerialPort master = pty.master();
            final UnsafeBuffer heapOut = new UnsafeBuffer(new byte[64]);
            final UnsafeBuffer heapIn = new UnsafeBuffer(new byte[64]);
            final UnsafeBuffer directOut = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final UnsafeBuffer directIn = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final int[] received = new int[1];

            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(2_000, i -> {
                heapOut.putInt(0, i);
                directOut.putInt(0, i);
                received[0] += exchange(slave, master, heapOut, directIn);
                received[0] += exchange(master, slave, directOut, heapIn);
            });

            assertEquals(0, bytes);
            assertTrue(received[0] > 0);
            assertEquals(heapIn.getInt(0), directIn.getInt(0));
        }
    }

    @Test
    void shouldRefuseOtherPlatformsByName() {
        final SerialPortException error = assertThrows(SerialPortException.class,
            () -> SupportedPlatform.require("Mac OS X", "aarch64"));

        assertEquals("serial ports and pseudo-terminals are supported on Linux on x86-64 and aarch64 only (their "
            + "termios and ioctl numbers); this is Mac OS X on aarch64", error.getMessage());
        SupportedPlatform.require("Linux", "aarch64");
        SupportedPlatform.require("Linux", "amd64");
    }

    /** Writes 64 bytes on one side and reads them on the other; returns the bytes read. */
    private static int exchange(final SerialPort from, final SerialPort to, final DirectBuffer out,
        final MutableDirectBuffer in) {
        assertEquals(64, from.write(out, 0, 64));
        int read = 0;
        while (read < 64) {
            assertEquals(SerialPort.READABLE, to.await(WAIT_MS));
            read += to.read(in, read, 64 - read);
        }
        return read;
    }

    private static byte[] transfer(final SerialPort from, final SerialPort to, final DirectBuffer out,
        final MutableDirectBuffer in) {
        final int length = out.capacity();
        assertEquals(length, from.write(out, 0, length));
        int read = 0;
        while (read < length) {
            assertEquals(SerialPort.READABLE, to.await(WAIT_MS), "no bytes within " + WAIT_MS + " ms");
            final int count = to.read(in, read, length - read);
            assertTrue(count > 0, "read returned " + count);
            read += count;
        }
        assertEquals(0, to.read(in, 0, length), "more bytes than were written");
        final byte[] bytes = new byte[length];
        in.getBytes(0, bytes);
        return bytes;
    }
}
