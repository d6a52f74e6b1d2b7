package dev.sparring.trainer.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into a request the training loop polls between iterations: the JVM's shutdown hook
 * sets the request and waits for the loop to write its checkpoint and call {@link #finished()}, at most
 * {@link #GRACE_S} seconds.
 */
final class StopSignal implements AutoCloseable {
    /** How long the shutdown hook waits for the checkpoint. */
    static final long GRACE_S = 60;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    StopSignal() {
        hook = new Thread(() -> {
            requested = true;
            try {
                finished.await(GRACE_S, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sparring-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    void finished() {
        finished.countDown();
    }

    @Override
    public void close() {
        finished();
        if (!requested) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
