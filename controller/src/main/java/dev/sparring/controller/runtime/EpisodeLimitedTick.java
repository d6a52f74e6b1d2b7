package dev.sparring.controller.runtime;

import dev.sparring.controller.ControlTick;
import dev.sparring.controller.loop.TickHandler;

/**
 * {@code run --episodes N}: the control tick, and a stop of the loop once {@code N} episodes have completed (ended by
 * a terminal state or the time limit), from the loop thread, in the tick the last one ends.
 */
final class EpisodeLimitedTick implements TickHandler {
    private final ControlTick tick;
    private final long episodes;
    private Runnable stop;
    private boolean stopped;

    /**
     * @param tick     the control tick.
     * @param episodes how many episodes to run, &gt;= 1.
     */
    EpisodeLimitedTick(final ControlTick tick, final long episodes) {
        this.tick = tick;
        this.episodes = episodes;
    }

    /**
     * @param loopStop stops the loop (safe from the loop thread); set once the loop exists, before it runs.
     */
    void stopWith(final Runnable loopStop) {
        this.stop = loopStop;
    }

    @Override
    public void onLoopStart(final long startNs) {
        tick.onLoopStart(startNs);
    }

    @Override
    public void onTick(final long tickStartNs, final long tickIndex) {
        tick.onTick(tickStartNs, tickIndex);
        if (!stopped && tick.completedEpisodes() >= episodes) {
            stopped = true;
            stop.run();
        }
    }
}
