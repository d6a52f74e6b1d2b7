package dev.sparring.controller.loop;

/** One control tick, called by the loop at each period; must not allocate, block or throw. */
@FunctionalInterface
public interface TickHandler {
    /**
     * @param tickStartNs clock time the tick started.
     * @param tickIndex   index k of the period (t0 + k·period).
     */
    void onTick(long tickStartNs, long tickIndex);
}
