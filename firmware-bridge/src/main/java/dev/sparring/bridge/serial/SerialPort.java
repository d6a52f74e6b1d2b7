package dev.sparring.bridge.serial;

import com.sun.jna.Native;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A serial port (or a pseudo-terminal's side) opened raw, exclusive and non-blocking, read, written and waited on
 * through preallocated native memory: no allocation and no exception per call. Expected outcomes are return values:
 * no data yet is 0, a device that went away (unplugged, the other side of a pseudo-terminal closed) is
 * {@link #GONE}. Buffers without a native address (over a {@code byte[]}) are copied through the port's own native
 * memory; direct buffers are read into and written from in place.
 * <p>
 * One thread may read and wait while another writes (each has its own native memory); {@link #close()} after both
 * stopped.
 */
public final class SerialPort implements AutoCloseable {
    /** {@link #read} and {@link #write}: the device is gone (hung up, unplugged, I/O error). */
    public static final int GONE = -1;
    /** {@link #await}: bytes are ready to read. */
    public static final int READABLE = 1;
    /** {@link #await}: the timeout passed (or a signal woke the wait) without bytes. */
    public static final int TIMED_OUT = 0;
    /** {@link #await}: the device hung up or failed; bytes it sent before may still be read. */
    public static final int HUNG_UP = -1;
    /** Bytes of native memory a read or write of a heap buffer moves at a time. */
    public static final int CHUNK = 4096;

    private static final int OPEN_FLAGS = LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC;
    private static final int POLL_FD = 0;
    private static final int POLL_EVENTS = 4;
    private static final int POLL_REVENTS = 6;
    private static final int POLL_LENGTH = 8;
    private static final short HANGUP_EVENTS = LibC.POLLHUP | LibC.POLLERR | LibC.POLLNVAL;
    private static final double BAUD_TOLERANCE = 0.02;

    private final String name;
    private final UnsafeBuffer readMemory = new UnsafeBuffer(ByteBuffer.allocateDirect(CHUNK));
    private final UnsafeBuffer writeMemory = new UnsafeBuffer(ByteBuffer.allocateDirect(CHUNK));
    private final UnsafeBuffer pollMemory = new UnsafeBuffer(ByteBuffer.allocateDirect(POLL_LENGTH));
    private final Termios2 termios = new Termios2();
    private volatile int fd;
    private int lastErrno;

    private SerialPort(final int fd, final String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * Opens a serial port: raw 8N1, exclusive, non-blocking, at the given rate. Does not look at a USB adapter's
     * latency timer; {@link #open(String, int, Consumer)} does.
     *
     * @param path the device, e.g. {@code /dev/ttyUSB0} or {@code /dev/serial/by-id/usb-…}.
     * @param baud bits per second: a standard rate or any other the driver takes.
     * @return the open port.
     * @throws SerialPortException when it cannot be opened or set up; the message says why and what to do.
     */
    public static SerialPort open(final String path, final int baud) {
        SupportedPlatform.require();
        if (baud <= 0) {
            throw new SerialPortException("baud rate for " + path + " must be > 0, was " + baud, 0);
        }
        final int fd = LibC.open(path, OPEN_FLAGS);
        if (fd < 0) {
            throw openError(path, Native.getLastError());
        }
        final SerialPort port = new SerialPort(fd, path);
        try {
            port.setUp(baud);
        } catch (final SerialPortException ex) {
            port.close();
            throw ex;
        }
        return port;
    }

    /**
     * {@link #open(String, int)}, then a warning to the given handler when the port is a USB-serial adapter whose
     * latency timer is above 1 ms ({@link UsbLatencyTimer}).
     *
     * @param path     the device.
     * @param baud     bits per second.
     * @param warnings receives each warning, one line of text.
     * @return the open port.
     * @throws SerialPortException when it cannot be opened or set up.
     */
    public static SerialPort open(final String path, final int baud, final Consumer<String> warnings) {
        final SerialPort port = open(path, baud);
        UsbLatencyTimer.warning(path, UsbLatencyTimer.SYSFS).ifPresent(warnings);
        return port;
    }

    /**
     * Takes over an open file descriptor, such as a pseudo-terminal's master, and makes it non-blocking; its
     * terminal settings stay as they are. Closing the port closes it.
     *
     * @param fd   an open file descriptor.
     * @param name a name for messages.
     * @return the port.
     * @throws SerialPortException when fd is not open.
     */
    public static SerialPort wrap(final int fd, final String name) {
        SupportedPlatform.require();
        final int flags = LibC.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0 || LibC.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) {
            final int errno = Native.getLastError();
            throw new SerialPortException(
                "cannot use file descriptor " + fd + " (" + name + "): " + LibC.describe(errno), errno);
        }
        return new SerialPort(fd, name);
    }

    private void setUp(final int baud) {
        final int unreadable = termios.load(fd);
        if (unreadable != 0) {
            throw unreadable == LibC.ENOTTY
                ? new SerialPortException(name + " is not a serial port (not a terminal device): check the path; "
                    + "serial adapters appear as /dev/ttyUSB*, /dev/ttyACM* or under /dev/serial/by-id/", LibC.ENOTTY)
                : failed("read the terminal settings of", unreadable);
        }
        if (LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) != 0) {
            final int errno = Native.getLastError();
            throw errno == LibC.EAGAIN ? busy(name, errno) : failed("lock", errno);
        }
        if (LibC.ioctl(fd, LibC.TIOCEXCL, 0) != 0) {
            throw failed("claim exclusive use (TIOCEXCL) of", Native.getLastError());
        }
        termios.makeRaw(baud);
        final int refused = termios.store(fd);
        if (refused != 0) {
            throw refused == LibC.EINVAL ? unsupportedBaud(baud, "the driver refuses it") : failed("set up", refused);
        }
        final int actual = baudRate();
        if (Math.abs(actual - baud) > BAUD_TOLERANCE * baud) {
            throw unsupportedBaud(baud, "the driver set " + actual + " baud instead");
        }
        if (LibC.ioctl(fd, LibC.TCFLSH, LibC.TCIOFLUSH) != 0) {
            throw failed("flush", Native.getLastError());
        }
    }

    /**
     * @return the output rate the driver reports, in bits per second.
     * @throws SerialPortException when the settings cannot be read.
     */
    public int baudRate() {
        final int errno = termios.load(fd);
        if (errno != 0) {
            throw failed("read the terminal settings of", errno);
        }
        return termios.outputSpeed();
    }

    /**
     * Reads what has arrived, without waiting.
     *
     * @param buffer where the bytes go.
     * @param offset the first byte to fill.
     * @param length the most bytes to read.
     * @return bytes read; 0 when none has arrived; {@link #GONE} when the device is gone ({@link #lastErrno()} says
     *         how).
     */
    public int read(final MutableDirectBuffer buffer, final int offset, final int length) {
        buffer.boundsCheck(offset, length);
        final boolean direct = buffer.byteArray() == null;
        final long address = direct ? buffer.addressOffset() + offset : readMemory.addressOffset();
        final long read = LibC.read(fd, address, direct ? length : Math.min(length, CHUNK));
        if (read > 0) {
            if (!direct) {
                buffer.putBytes(offset, readMemory, 0, (int) read);
            }
            return (int) read;
        }
        if (read == 0) {
            lastErrno = 0;
            return length == 0 ? 0 : GONE;
        }
        final int errno = Native.getLastError();
        if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
            return 0;
        }
        lastErrno = errno;
        return GONE;
    }

    /**
     * Writes as much as the device takes now, without waiting.
     *
     * @param buffer the bytes.
     * @param offset the first byte.
     * @param length how many bytes.
     * @return bytes written: length, or fewer when the device's buffer filled (write the rest later);
     *         {@link #GONE} when the device is gone.
     */
    public int write(final DirectBuffer buffer, final int offset, final int length) {
        buffer.boundsCheck(offset, length);
        final boolean direct = buffer.byteArray() == null;
        int written = 0;
        while (written < length) {
            final int chunk = direct ? length - written : Math.min(length - written, CHUNK);
            if (!direct) {
                buffer.getBytes(offset + written, writeMemory, 0, chunk);
            }
            final long address = direct ? buffer.addressOffset() + offset + written : writeMemory.addressOffset();
            final long count = LibC.write(fd, address, chunk);
            if (count > 0) {
                written += (int) count;
                continue;
            }
            final int errno = count == 0 ? LibC.EAGAIN : Native.getLastError();
            if (errno == LibC.EAGAIN) {
                break;
            }
            if (errno != LibC.EINTR) {
                lastErrno = errno;
                return GONE;
            }
        }
        return written;
    }

    /**
     * Waits until bytes can be read, the device hangs up, or the timeout passes.
     *
     * @param timeoutMs the most to wait, in ms; 0 to look without waiting, negative to wait without limit.
     * @return {@link #READABLE}, {@link #TIMED_OUT} or {@link #HUNG_UP}.
     */
    public int await(final int timeoutMs) {
        pollMemory.putInt(POLL_FD, fd);
        pollMemory.putShort(POLL_EVENTS, LibC.POLLIN);
        pollMemory.putShort(POLL_REVENTS, (short) 0);
        final int ready = LibC.poll(pollMemory.addressOffset(), 1, timeoutMs);
        if (ready == 0) {
            return TIMED_OUT;
        }
        if (ready < 0) {
            final int errno = Native.getLastError();
            if (errno == LibC.EINTR) {
                return TIMED_OUT;
            }
            lastErrno = errno;
            return HUNG_UP;
        }
        return (pollMemory.getShort(POLL_REVENTS) & HANGUP_EVENTS) != 0 ? HUNG_UP : READABLE;
    }

    /**
     * @return the errno of the last call that found the device gone, 0 for an end of file (a hang-up).
     */
    public int lastErrno() {
        return lastErrno;
    }

    /**
     * @return the device's path, or the name given to {@link #wrap}.
     */
    public String name() {
        return name;
    }

    /**
     * @return the file descriptor, or −1 once closed.
     */
    public int fd() {
        return fd;
    }

    /**
     * Closes the device (releasing its lock); again is harmless.
     */
    @Override
    public void close() {
        final int open = fd;
        if (open >= 0) {
            fd = -1;
            LibC.close(open);
        }
    }

    private SerialPortException failed(final String action, final int errno) {
        return new SerialPortException("cannot " + action + " " + name + ": " + LibC.describe(errno), errno);
    }

    private SerialPortException unsupportedBaud(final int baud, final String why) {
        return new SerialPortException(name + " does not support " + baud + " baud (" + why + "): pick a rate its "
            + "adapter takes, e.g. 115200, 1000000 or 2000000", LibC.EINVAL);
    }

    private static SerialPortException busy(final String path, final int errno) {
        return new SerialPortException("serial port " + path + " is in use by another program; find it with: "
            + "fuser -v " + path, errno);
    }

    static SerialPortException openError(final String path, final int errno) {
        return switch (errno) {
            case LibC.ENOENT -> new SerialPortException("serial port " + path + " does not exist: is the board "
                + "plugged in? Connected adapters are listed, by stable names, in /dev/serial/by-id/", errno);
            case LibC.EACCES, LibC.EPERM -> new SerialPortException("no permission to open " + path + ": add your "
                + "user to the group that owns it (usually dialout: sudo usermod -aG dialout $USER, then log in "
                + "again)", errno);
            case LibC.EBUSY -> busy(path, errno);
            case LibC.ENXIO, LibC.ENODEV -> new SerialPortException("no device behind " + path + " ("
                + LibC.describe(errno) + "): is it unplugged, or its driver not loaded?", errno);
            default -> new SerialPortException("cannot open serial port " + path + ": " + LibC.describe(errno), errno);
        };
    }
}
