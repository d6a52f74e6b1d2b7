package dev.sparring.controller.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request that a long-running command answers in order: the JVM's shutdown
 * hook sets the request, runs the action registered with {@link #onRequest(Runnable)} (e.g. stopping the control
 * loop), and waits until the command calls {@link #finished()} (or closes this), at most {@link #GRACE_S} seconds.
 * The JVM then exits with the signal's status, 130 for SIGINT and 143 for SIGTERM. Training polls
 * {@link #requested()} between iterations and writes its checkpoint; {@code run} stops its loop after the current
 * tick, writes the safe command, deactivates the robot, closes its log and prints its summary.
 * <p>
 * Open it before the resources it protects and close it after them (first in a try-with-resources), so the hook
 * is released only when everything is closed.
 */
public final class StopSignal implements AutoCloseable {
    /** How long the shutdown hook waits for the command to finish in order. */
    public static final long GRACE_S = 60;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;
    private volatile Runnable action;

    /** Installs the shutdown hook. */
    public StopSignal() {
        hook = new Thread(this::onShutdown, "sparring-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @return whether a stop has been requested (a signal arrived, or the JVM began to shut down).
     */
    public boolean requested() {
        return requested;
    }

    /**
     * Registers what to do when a stop is requested; runs it at once if one already was. The action may run twice
     * if the request races with this call, so it must be idempotent.
     *
     * @param stopAction e.g. the control loop's {@code stop}.
     */
    public void onRequest(final Runnable stopAction) {
        action = stopAction;
        if (requested) {
            stopAction.run();
        }
    }

    /** Lets the shutdown hook return: everything the command had to close is closed. */
    public void finished() {
        finished.countDown();
    }

    @Override
    public void close() {
        finished();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException shutdownStarted) {
                // The JVM began to shut down between the check and the removal: the hook returns at once.
            }
        }
    }

    private void onShutdown() {
        requested = true;
        final Runnable stopAction = action;
        if (stopAction != null) {
            stopAction.run();
        }
        try {
            finished.await(GRACE_S, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
