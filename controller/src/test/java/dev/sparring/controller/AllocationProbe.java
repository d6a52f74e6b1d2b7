package dev.sparring.controller;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Measures the bytes the current thread allocates while running a piece of work many times, after warm-up. The same
 * loop, in this class, runs the warm-up and the measured round.
 */
public final class AllocationProbe {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int MAX_WARM_UP_ROUNDS = 20;

    private AllocationProbe() {
    }

    /**
     * One warm-up round, then one measured round: for work whose total count matters (a queue's file chunks).
     *
     * @param iterations how many times to run the work in each round.
     * @param work       the work; receives the iteration index.
     * @return bytes allocated by the thread during the measured round.
     */
    public static long bytesAllocated(final int iterations, final IntConsumer work) {
        round(iterations, work);
        return round(iterations, work);
    }

    /**
     * Warm-up rounds until one allocates nothing (at most {@value #MAX_WARM_UP_ROUNDS}), then one measured round:
     * for JIT-compiled vector code, which boxes until C2 has compiled it, and which a deoptimisation caused by another
     * call site (another test in the same JVM) can send back to boxing for a while.
     *
     * @param iterations how many times to run the work in each round.
     * @param work       the work; receives the iteration index.
     * @return bytes allocated by the thread during the measured round.
     */
    public static long bytesAllocatedWhenSteady(final int iterations, final IntConsumer work) {
        long allocated = round(iterations, work);
        for (int round = 1; round < MAX_WARM_UP_ROUNDS && allocated != 0; round++) {
            allocated = round(iterations, work);
        }
        return round(iterations, work);
    }

    private static long round(final int iterations, final IntConsumer work) {
        THREADS.getCurrentThreadAllocatedBytes();
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < iterations; i++) {
            work.accept(i);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
