package dev.sparring.hal.mujoco;

/**
 * The address of a native object owned by one Java object, zero once released; every access through the binding
 * checks it, so use after close is an {@link IllegalStateException} rather than a read of freed memory. Not
 * thread-safe: a model or data is used from one thread at a time.
 */
final class NativeHandle {
    private final String description;
    private long address;

    /**
     * @param description what the address is, for messages, e.g. {@code "MujocoData of pendulum.xml"}.
     * @param address     the native address, not 0.
     */
    NativeHandle(final String description, final long address) {
        this.description = description;
        this.address = address;
    }

    /**
     * @return the address.
     * @throws IllegalStateException when released.
     */
    long address() {
        final long current = address;
        if (current == 0) {
            throw new IllegalStateException(description + " is closed");
        }
        return current;
    }

    /**
     * @throws IllegalStateException when released.
     */
    void checkOpen() {
        if (address == 0) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    boolean isOpen() {
        return address != 0;
    }

    /**
     * Marks the handle released.
     *
     * @return the address to free, or 0 when it was already released.
     */
    long release() {
        final long released = address;
        address = 0;
        return released;
    }

    @Override
    public String toString() {
        return description;
    }
}
