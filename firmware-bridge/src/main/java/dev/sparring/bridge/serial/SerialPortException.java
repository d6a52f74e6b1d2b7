package dev.sparring.bridge.serial;

import dev.sparring.hal.config.ConfigException;

/**
 * A serial port or pseudo-terminal could not be opened or set up. The message names the device, what went wrong and
 * what to do (a missing port, one in use, a permission, a baud rate); the command line prints it as one line, as it
 * prints every {@link ConfigException}.
 */
public final class SerialPortException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * @param message what went wrong, on which device, and what to do.
     * @param errno   the errno of the failed call, or 0 when none.
     */
    public SerialPortException(final String message, final int errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * @return the errno of the failed call, or 0 when the failure was not a call's.
     */
    public int errno() {
        return errno;
    }
}
