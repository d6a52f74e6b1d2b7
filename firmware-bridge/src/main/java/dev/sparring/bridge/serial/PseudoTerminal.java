package dev.sparring.bridge.serial;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A pseudo-terminal pair made with {@code openpty}, its slave side in raw mode: a serial link without hardware. A
 * peer (the host-built firmware, or a {@link SerialPort#open}) opens {@link #slavePath()}; this side talks through
 * {@link #master()}.
 * <p>
 * The pair keeps its own slave descriptor open until {@link #releaseSlave()} or {@link #close()}, so the master does
 * not see a hang-up before the peer has opened the slave. After the peer opened it, release it: the master then sees
 * the hang-up ({@link SerialPort#HUNG_UP}, {@link SerialPort#GONE}) when the peer closes or dies.
 */
public final class PseudoTerminal implements AutoCloseable {
    private static final int PATH_CAPACITY = 128;
    private static final int DEFAULT_BAUD = 115_200;

    private final SerialPort master;
    private final String slavePath;
    private int slaveFd;

    private PseudoTerminal(final SerialPort master, final String slavePath, final int slaveFd) {
        this.master = master;
        this.slavePath = slavePath;
        this.slaveFd = slaveFd;
    }

    /**
     * Opens a new pair.
     *
     * @return the pair.
     * @throws SerialPortException when the system has no pseudo-terminal to give.
     */
    public static PseudoTerminal open() {
        SupportedPlatform.require();
        final UnsafeBuffer fds = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * Integer.BYTES));
        if (OpenPty.openpty(fds.addressOffset(), fds.addressOffset() + Integer.BYTES, 0, 0, 0) != 0) {
            final int errno = Native.getLastError();
            throw new SerialPortException("cannot open a pseudo-terminal: " + LibC.describe(errno), errno);
        }
        final int masterFd = fds.getInt(0);
        final int slaveFd = fds.getInt(Integer.BYTES);
        try {
            final String path = slavePath(masterFd);
            final Termios2 termios = new Termios2();
            int errno = termios.load(slaveFd);
            if (errno == 0) {
                termios.makeRaw(DEFAULT_BAUD);
                errno = termios.store(slaveFd);
            }
            if (errno != 0) {
                throw new SerialPortException("cannot make " + path + " raw: " + LibC.describe(errno), errno);
            }
            return new PseudoTerminal(SerialPort.wrap(masterFd, "pseudo-terminal master of " + path), path, slaveFd);
        } catch (final SerialPortException ex) {
            LibC.close(masterFd);
            LibC.close(slaveFd);
            throw ex;
        }
    }

    private static String slavePath(final int masterFd) {
        final UnsafeBuffer name = new UnsafeBuffer(ByteBuffer.allocateDirect(PATH_CAPACITY));
        final int errno = LibC.ptsname_r(masterFd, name.addressOffset(), PATH_CAPACITY);
        if (errno != 0) {
            throw new SerialPortException("cannot name a pseudo-terminal's slave: " + LibC.describe(errno), errno);
        }
        int length = 0;
        while (length < PATH_CAPACITY && name.getByte(length) != 0) {
            length++;
        }
        final byte[] bytes = new byte[length];
        name.getBytes(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @return the master side, non-blocking; closed with this pair.
     */
    public SerialPort master() {
        return master;
    }

    /**
     * @return the master's file descriptor (−1 once closed).
     */
    public int masterFd() {
        return master.fd();
    }

    /**
     * @return the slave's path, e.g. {@code /dev/pts/3}, for the peer to open.
     */
    public String slavePath() {
        return slavePath;
    }

    /**
     * Closes this pair's own descriptor of the slave, once the peer has opened it, so that the master sees the peer
     * close. Again is harmless.
     */
    public void releaseSlave() {
        if (slaveFd >= 0) {
            LibC.close(slaveFd);
            slaveFd = -1;
        }
    }

    /**
     * Closes both sides; the peer's slave then hangs up. Again is harmless.
     */
    @Override
    public void close() {
        master.close();
        releaseSlave();
    }

    /**
     * {@code openpty}: in libc from glibc 2.34 on, in libutil before.
     */
    private static final class OpenPty {
        static {
            try {
                Native.register(OpenPty.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            } catch (final UnsatisfiedLinkError inLibc) {
                Native.register(OpenPty.class, NativeLibrary.getInstance("util"));
            }
        }

        private OpenPty() {
        }

        static native int openpty(long masterFd, long slaveFd, long name, long termios, long windowSize);
    }
}
