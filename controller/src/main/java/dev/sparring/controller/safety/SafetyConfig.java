package dev.sparring.controller.safety;

/**
 * Settings of the {@link SafetySupervisor}.
 *
 * @param staleTicks          ticks without a fresh sample tolerated before {@link FaultCause#STALE_SENSOR}, &gt;= 1.
 * @param positionMarginRad   tolerance outside each joint's position limits (rad or m), &gt;= 0.
 * @param velocityMarginRatio tolerance over each joint's speed limit as a fraction (0.2 = 20 %), &gt;= 0.
 * @param watchdogNs          largest time between two tick starts before {@link FaultCause#WATCHDOG}, &gt; 0 (checked
 *                            from the second tick after a reset: the first is warm-up).
 * @param safeCommand         what to command once faulted.
 */
public record SafetyConfig(int staleTicks, double positionMarginRad, double velocityMarginRatio, long watchdogNs,
    SafeCommandPolicy safeCommand) {

    /** Validates the settings. */
    public SafetyConfig {
        if (staleTicks < 1) {
            throw new IllegalArgumentException("safety.stale_ticks must be >= 1, was " + staleTicks);
        }
        if (!(positionMarginRad >= 0) || !(velocityMarginRatio >= 0)) {
            throw new IllegalArgumentException("safety margins must be >= 0, were position " + positionMarginRad
                + " and velocity ratio " + velocityMarginRatio);
        }
        if (watchdogNs <= 0) {
            throw new IllegalArgumentException("safety.watchdog_ms must be > 0, was " + watchdogNs / 1e6);
        }
    }
}
