package dev.sparring.controller.loop;

/** One control tick, called by the loop at each period; must not allocate, block or throw. */
@FunctionalInterface
public interface TickHandler {
    /**
     * @param tickStartNs clock time the tick started.
     * @param tickIndex   index k of the period (t0 + k·period).
     */
    void onTick(long tickStartNs, long tickIndex);

    /**
     * Called once on the loop thread when the loop fixes {@code t0}, after its real-time set-up and just before tick
     * 0, so a handler can take its initial measurement then (not when it was built, which may be long before).
     *
     * @param startNs {@code t0}, the clock time tick 0 is due.
     */
    default void onLoopStart(final long startNs) {
    }
}
