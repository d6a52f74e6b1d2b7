package dev.sparring.hal.mujoco;

/**
 * MuJoCo cannot be used in this process: the native parts were not built (no gcc or headers at build time), the
 * library is missing, or its version differs from the headers the build read. The message says which and what to
 * install.
 */
public final class MujocoUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "MuJoCo unavailable: ";

    /**
     * @param reason why, and what to install; the message is {@code "MuJoCo unavailable: " + reason}.
     */
    public MujocoUnavailableException(final String reason) {
        super(message(reason));
    }

    static String message(final String reason) {
        return PREFIX + reason;
    }

    /**
     * @return the reason, without the message's {@code "MuJoCo unavailable: "} prefix.
     */
    public String reason() {
        return getMessage().substring(PREFIX.length());
    }
}
