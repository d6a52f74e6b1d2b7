package dev.sparring.bridge.serial;

import com.sun.jna.Native;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The kernel's {@code struct termios2} in native memory, read and written with {@code TCGETS2} / {@code TCSETS2},
 * which take any baud rate: a standard one through its {@code B} constant, any other through {@code BOTHER} and the
 * speed fields. Layout (asm-generic, 44 bytes): four u32 flag words, {@code c_line}, 19 control characters, then u32
 * input and output speeds.
 */
final class Termios2 {
    static final int LENGTH = 44;
    private static final int IFLAG = 0;
    private static final int OFLAG = 4;
    private static final int CFLAG = 8;
    private static final int LFLAG = 12;
    private static final int CC = 17;
    private static final int ISPEED = 36;
    private static final int OSPEED = 40;
    private static final int VTIME = 5;
    private static final int VMIN = 6;

    private static final int IGNBRK = 0x1;
    private static final int BRKINT = 0x2;
    private static final int INPCK = 0x10;
    private static final int PARMRK = 0x8;
    private static final int ISTRIP = 0x20;
    private static final int INLCR = 0x40;
    private static final int IGNCR = 0x80;
    private static final int ICRNL = 0x100;
    private static final int IXON = 0x400;
    private static final int IXANY = 0x800;
    private static final int IXOFF = 0x1000;
    private static final int OPOST = 0x1;
    private static final int ISIG = 0x1;
    private static final int ICANON = 0x2;
    private static final int ECHO = 0x8;
    private static final int ECHONL = 0x40;
    private static final int IEXTEN = 0x8000;
    private static final int CBAUD = 0x100F;
    private static final int BOTHER = 0x1000;
    private static final int CSIZE = 0x30;
    private static final int CS8 = 0x30;
    private static final int CSTOPB = 0x40;
    private static final int CREAD = 0x80;
    private static final int PARENB = 0x100;
    private static final int CLOCAL = 0x800;
    private static final int CIBAUD = 0x100F0000;
    private static final int CRTSCTS = 0x80000000;

    /** Rates with a {@code B} constant, and the constant's value, in pairs. */
    private static final int[] STANDARD_RATES = {
        50, 0x1, 75, 0x2, 110, 0x3, 134, 0x4, 150, 0x5, 200, 0x6, 300, 0x7, 600, 0x8, 1200, 0x9, 1800, 0xA, 2400, 0xB,
        4800, 0xC, 9600, 0xD, 19200, 0xE, 38400, 0xF, 57600, 0x1001, 115200, 0x1002, 230400, 0x1003, 460800, 0x1004,
        500000, 0x1005, 576000, 0x1006, 921600, 0x1007, 1000000, 0x1008, 1152000, 0x1009, 1500000, 0x100A,
        2000000, 0x100B, 2500000, 0x100C, 3000000, 0x100D, 3500000, 0x100E, 4000000, 0x100F};

    private final UnsafeBuffer memory = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));

    /**
     * @param fd an open terminal.
     * @return 0, or the errno of {@code TCGETS2} ({@code ENOTTY} when fd is not a terminal).
     */
    int load(final int fd) {
        return LibC.ioctl(fd, LibC.TCGETS2, memory.addressOffset()) == 0 ? 0 : Native.getLastError();
    }

    /**
     * @param fd an open terminal.
     * @return 0, or the errno of {@code TCSETS2} ({@code EINVAL} for a rate the driver refuses).
     */
    int store(final int fd) {
        return LibC.ioctl(fd, LibC.TCSETS2, memory.addressOffset()) == 0 ? 0 : Native.getLastError();
    }

    /**
     * Raw mode as {@code cfmakeraw} makes it, and more: no software flow control, no parity check, 8N1, no hardware
     * flow control, receiver on, modem lines ignored, input speed = output speed = baud. {@code VMIN = 1, VTIME = 0}:
     * with the port's {@code O_NONBLOCK} a read without data fails with {@code EAGAIN}, whereas {@code VMIN = 0}
     * would make it return 0, as the end-of-file of a hung-up terminal does, and the two could not be told apart.
     *
     * @param baud the rate, in bits per second.
     */
    void makeRaw(final int baud) {
        and(IFLAG, ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF | IXANY | INPCK));
        and(OFLAG, ~OPOST);
        and(LFLAG, ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN));
        and(CFLAG, ~(CSIZE | PARENB | CSTOPB | CRTSCTS | CBAUD | CIBAUD));
        memory.putInt(CFLAG, memory.getInt(CFLAG) | CS8 | CREAD | CLOCAL | speedBits(baud));
        memory.putByte(CC + VMIN, (byte) 1);
        memory.putByte(CC + VTIME, (byte) 0);
        memory.putInt(ISPEED, baud);
        memory.putInt(OSPEED, baud);
    }

    /**
     * @return the output speed the terminal reports, in bits per second (after {@link #load}).
     */
    int outputSpeed() {
        return memory.getInt(OSPEED);
    }

    /**
     * @param baud a rate in bits per second.
     * @return its {@code B} constant, or {@code BOTHER} for a rate without one.
     */
    static int speedBits(final int baud) {
        for (int i = 0; i < STANDARD_RATES.length; i += 2) {
            if (STANDARD_RATES[i] == baud) {
                return STANDARD_RATES[i + 1];
            }
        }
        return BOTHER;
    }

    private void and(final int field, final int mask) {
        memory.putInt(field, memory.getInt(field) & mask);
    }
}
