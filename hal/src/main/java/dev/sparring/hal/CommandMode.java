package dev.sparring.hal;

/**
 * What a joint command means. Every actuated joint supports {@link #EFFORT}; a backend may also close a position or
 * velocity loop itself (a servo, or the simulator's built-in PD), which it declares in its {@link JointSpec}.
 */
public enum CommandMode {
    /** Torque (N·m, revolute) or force (N, prismatic) at the joint output. */
    EFFORT,
    /** Target position (rad or m) tracked by the backend's own position loop. */
    POSITION,
    /** Target velocity (rad/s or m/s) tracked by the backend's own velocity loop. */
    VELOCITY;

    /**
     * Parses a description-file spelling ({@code effort}, {@code position}, {@code velocity}).
     *
     * @param text the spelling, case-insensitive.
     * @return the mode.
     * @throws IllegalArgumentException naming the accepted spellings when {@code text} is none of them.
     */
    public static CommandMode parse(final String text) {
        for (final CommandMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown command mode '" + text + "', expected effort, position or velocity");
    }
}
