package dev.sparring.fleet;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * A robot's name on the fleet wire: 1 to {@value #MAX_LENGTH} ASCII letters, digits, '.', '_' or '-', not starting
 * with '.'. It names the robot's directory on the trainer host and its line in the receiver's allow-list, so it must
 * be a safe file name. The shipper takes it from {@code --robot}, else from the log directory's name.
 */
public final class RobotName {
    /** The longest name, in bytes. */
    public static final int MAX_LENGTH = 64;

    private RobotName() {
    }

    /**
     * @param name a candidate name.
     * @return the name's ASCII bytes.
     * @throws IllegalArgumentException naming the name and the rule it breaks.
     */
    public static byte[] encode(final String name) {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > MAX_LENGTH || !name.equals(new String(bytes,
            StandardCharsets.US_ASCII)) || !isValid(bytes)) {
            throw new IllegalArgumentException("robot name '" + name + "' must be 1 to " + MAX_LENGTH + " letters, "
                + "digits, '.', '_' or '-', not starting with '.'");
        }
        return bytes;
    }

    private static boolean isValid(final byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (!isNameByte(bytes[i], i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param buffer holds a name.
     * @param offset its first byte.
     * @param length its length, 1 to {@value #MAX_LENGTH}.
     * @return whether the bytes are a valid name.
     */
    static boolean isValid(final DirectBuffer buffer, final int offset, final int length) {
        for (int i = 0; i < length; i++) {
            if (!isNameByte(buffer.getByte(offset + i), i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether the name in the buffer equals {@code name}.
     */
    static boolean equals(final DirectBuffer buffer, final int offset, final int length, final byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer.getByte(offset + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameByte(final byte b, final int position) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
            || b == '.' && position > 0;
    }
}
