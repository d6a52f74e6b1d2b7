package dev.sparring.hal.pi4j;

/**
 * Waits during a lifecycle transition (a chip's mode switch time), never in a tick; tests pass one that records the
 * waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread; an interrupt ends the wait early and stays set. */
    Sleeper THREAD = durationMs -> {
        try {
            Thread.sleep(durationMs);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    /**
     * @param durationMs how long to wait (ms).
     */
    void sleepMs(long durationMs);
}
