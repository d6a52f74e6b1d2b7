package dev.sparring.hal;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Measures the bytes the current thread allocates while running a piece of work many times, after warm-up. The same
 * loop, in this class, runs the warm-up and the measured round. Shared by every module through hal's test jar.
 */
public final class AllocationProbe {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int CLEAN_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 3;

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
     * Warm-up rounds until {@value #CLEAN_ROUNDS} in a row allocate nothing (at most {@value #MAX_WARM_UP_ROUNDS}
     * rounds), then the least of {@value #MEASURED_ROUNDS} measured rounds: for JIT-compiled code, which allocates until
     * C2 has compiled it (the Vector API boxes; a deoptimisation rematerialises scalar-replaced objects), where clean
     * rounds can still be followed by a late compilation's transition (seen on a loaded machine and once on an idle
     * one: clean rounds, then 80–672 bytes). Such a transition happens once; an allocation the work makes every
     * iteration, or every few, shows in every round, so the least of them still catches it.
     *
     * @param iterations how many times to run the work in each round.
     * @param work       the work; receives the iteration index.
     * @return the fewest bytes the thread allocated in one of the measured rounds.
     */
    public static long bytesAllocatedWhenSteady(final int iterations, final IntConsumer work) {
        int cleanInARow = 0;
        for (int round = 0; round < MAX_WARM_UP_ROUNDS && cleanInARow < CLEAN_ROUNDS; round++) {
            cleanInARow = round(iterations, work) == 0 ? cleanInARow + 1 : 0;
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MEASURED_ROUNDS && least > 0; round++) {
            least = Math.min(least, round(iterations, work));
        }
        return least;
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
