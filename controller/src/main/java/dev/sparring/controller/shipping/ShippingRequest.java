package dev.sparring.controller.shipping;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code run --ship-to} asks a {@link LogShippingProvider} to ship, and where.
 *
 * @param logDirectory   the robot's experience log ({@code --log DIR}).
 * @param receiver       the fleet receiver, {@code HOST:PORT} ({@code --ship-to}).
 * @param replyTo        where the receiver's acknowledgements reach this robot, {@code HOST:PORT}, or null for the
 *                       provider's default ({@code --ship-reply}).
 * @param robotName      the robot's name on the wire, or null for the log directory's name ({@code --robot-name}).
 * @param aeronDirectory the directory of a running media driver, or null for an embedded one ({@code --aeron-dir}).
 */
public record ShippingRequest(Path logDirectory, String receiver, String replyTo, String robotName,
    String aeronDirectory) {
    /**
     * Checks that the log and the receiver are given.
     */
    public ShippingRequest {
        Objects.requireNonNull(logDirectory, "log directory must be set");
        Objects.requireNonNull(receiver, "receiver must be set");
    }
}
