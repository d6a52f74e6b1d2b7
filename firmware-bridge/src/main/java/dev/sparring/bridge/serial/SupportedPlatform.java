package dev.sparring.bridge.serial;

/**
 * Where the serial port's constants hold: Linux on x86-64 or aarch64 (see {@link LibC}).
 */
final class SupportedPlatform {
    private SupportedPlatform() {
    }

    /**
     * @throws SerialPortException on any other platform, naming it.
     */
    static void require() {
        require(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static void require(final String os, final String arch) {
        final boolean linux = os.startsWith("Linux");
        final boolean knownArch = "amd64".equals(arch) || "x86_64".equals(arch) || "aarch64".equals(arch);
        if (!linux || !knownArch) {
            throw new SerialPortException("serial ports and pseudo-terminals are supported on Linux on x86-64 and "
                + "aarch64 only (their termios and ioctl numbers); this is " + os + " on " + arch, 0);
        }
    }
}
