package dev.sparring.controller;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Measures the bytes the current thread allocates while running a piece of work many times, after running it as
 * many times first so the JIT has compiled it (the same loop, in this method, runs both phases).
 */
public final class AllocationProbe {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationProbe() {
    }

    /**
     * @param iterations how many times to run the work in the measured phase (and, before it, to warm up).
     * @param work       the work; receives the iteration index.
     * @return bytes allocated by the thread during the measured phase.
     */
    public static long bytesAllocated(final int iterations, final IntConsumer work) {
        long before = 0;
        for (int phase = 0; phase < 2; phase++) {
            THREADS.getCurrentThreadAllocatedBytes();
            before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < iterations; i++) {
                work.accept(i);
            }
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
