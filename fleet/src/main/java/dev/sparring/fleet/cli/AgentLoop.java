package dev.sparring.fleet.cli;

import dev.sparring.controller.cli.StopSignal;
import dev.sparring.fleet.FleetAeron;

import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Runs a fleet agent on the command's thread until SIGINT or SIGTERM (or the agent throws), idling with a back-off
 * (spin, yield, then park up to 1 ms) when it has nothing to do.
 */
final class AgentLoop {
    private AgentLoop() {
    }

    /**
     * @param agent the agent.
     * @param stop  the command's stop signal.
     * @param aeron the client, whose driver must still be there.
     * @throws Exception what the agent threw.
     */
    static void runUntilStopped(final Agent agent, final StopSignal stop, final FleetAeron aeron) throws Exception {
        final AtomicBoolean running = new AtomicBoolean(true);
        stop.onRequest(() -> running.set(false));
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        while (running.get() && !aeron.aeron().isClosed()) {
            idle.idle(agent.doWork());
        }
    }
}
