package dev.sparring.trainer.algo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs one task on {@code parallelism} threads at once — the caller as worker 0 and daemon helper threads as workers
 * 1.., started once — and returns when all have finished. The hand-off is a volatile generation counter with a short
 * spin and then {@link LockSupport#park}, so a run allocates nothing; the only synchronisation is at the start and
 * the end of a run. A failure in any worker is rethrown to the caller after all have finished.
 */
public final class ParallelRunner implements AutoCloseable {
    private static final int SPINS_BEFORE_PARK = 2_000;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile int generation;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * Starts the helper threads.
     *
     * @param parallelism the number of workers including the caller, ≥ 1.
     * @param name        the helper threads' name prefix.
     */
    public ParallelRunner(final int parallelism, final String name) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        this.helpers = new Thread[parallelism - 1];
        for (int i = 0; i < helpers.length; i++) {
            final int worker = i + 1;
            final Thread thread = new Thread(() -> helperLoop(worker), name + "-" + worker);
            thread.setDaemon(true);
            helpers[i] = thread;
        }
        for (final Thread thread : helpers) {
            thread.start();
        }
    }

    /**
     * Runs {@code work.accept(w)} for every worker w in [0, parallelism) concurrently, worker 0 on the calling thread.
     *
     * @param work the task; must not capture per-call state if the caller wants no allocation.
     */
    public void run(final IntConsumer work) {
        if (helpers.length == 0) {
            work.accept(0);
            return;
        }
        if (closed) {
            throw new IllegalStateException("parallel runner is closed");
        }
        failure = null;
        caller = Thread.currentThread();
        task = work;
        pending.set(helpers.length);
        generation++;
        for (final Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        Throwable own = null;
        try {
            work.accept(0);
        } catch (final RuntimeException | Error e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (spins < SPINS_BEFORE_PARK) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        final Throwable first = own != null ? own : failure;
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
    }

    /**
     * The number of workers, including the caller.
     *
     * @return the parallelism.
     */
    public int parallelism() {
        return helpers.length + 1;
    }

    /** Stops and joins the helper threads. */
    @Override
    public void close() {
        closed = true;
        for (final Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        for (final Thread helper : helpers) {
            try {
                helper.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void helperLoop(final int worker) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int current;
            while ((current = generation) == seen && !closed) {
                if (spins < SPINS_BEFORE_PARK) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = current;
            try {
                task.accept(worker);
            } catch (final RuntimeException | Error e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
