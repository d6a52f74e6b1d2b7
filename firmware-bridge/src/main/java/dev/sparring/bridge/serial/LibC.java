package dev.sparring.bridge.serial;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The libc calls of the serial port, bound by JNA's direct mapping (static natives: no proxy, no boxing, no
 * allocation per call). Pointers are passed as native addresses ({@code long}), {@code size_t} and
 * {@code unsigned long} as {@code long} (LP64). Errors are read with {@link Native#getLastError()}, which JNA keeps
 * per thread after every call, so no call throws on the normal path.
 * <p>
 * The constants are Linux's for x86-64 and aarch64: both take termbits, ioctl numbers, errno values, poll bits and
 * flock operations from the kernel's asm-generic headers ({@code arch/x86/include/uapi/asm/termbits.h} and
 * {@code ioctls.h} only include them; arm64 has no own copy), and arm64's own {@code fcntl.h} changes only
 * {@code O_DIRECTORY}, {@code O_NOFOLLOW}, {@code O_DIRECT} and {@code O_LARGEFILE}, none of them used here. Other
 * architectures (PowerPC, MIPS, SPARC, Alpha) number termios differently; {@link SupportedPlatform} refuses them
 * before this class binds anything.
 */
final class LibC {
    static final int O_RDWR = 02;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;

    static final long TCGETS2 = 0x802C542AL;
    static final long TCSETS2 = 0x402C542BL;
    static final long TIOCEXCL = 0x540CL;
    static final long TCFLSH = 0x540BL;
    static final int TCIOFLUSH = 2;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;

    static {
        SupportedPlatform.require();
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    /**
     * @param errno an errno value.
     * @return libc's text for it and its symbolic name when known, e.g. {@code "No such file or directory (ENOENT)"}.
     */
    static String describe(final int errno) {
        final String name = switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            default -> "errno " + errno;
        };
        return strerror(errno) + " (" + name + ")";
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    static native int poll(long fds, long count, int timeoutMs);

    static native int ioctl(int fd, long request, long argument);

    static native int fcntl(int fd, int command, long argument);

    static native int flock(int fd, int operation);

    static native int ptsname_r(int fd, long buffer, long length);

    static native String strerror(int errno);
}
