package dev.sparring.trainer.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import dev.sparring.hal.AllocationProbe;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class NoAllocationIterationTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldNotAllocateInAnnealedPpoIterationAfterWarmUp() {
        final PpoConfig config = new PpoConfig(0.99, 0.95, 2, 4, 3e-4, 1e-5, 0.2, true, 0.01, 0.5, 0.5, 0.5, true,
            true);
        try (RolloutCollector collector = new RolloutCollector(PointEnv.many(4, 15), 16, 2, 1L)) {
            final OnPolicyLearner learner = OnPolicyLearner.ppo(collector, Role.PROTAGONIST, PolicyConfig.defaults(),
                config, Integer.MAX_VALUE, 2L);
            assertNoAllocation(learner);
        }
    }

    @Test
    void shouldNotAllocateInTrpoIterationAgainstAnOpponentAfterWarmUp() {
        final TrpoConfig config = new TrpoConfig(0.995, 0.97, 0.01, 10, 0.1, 15, 0.8, 1e-3, 2, 4, true);
        try (RolloutCollector collector = new RolloutCollector(PointEnv.many(4, 15), 16, 2, 1L)) {
            final OnPolicyLearner learner = OnPolicyLearner.trpo(collector, Role.ADVERSARY, PolicyConfig.defaults(),
                config, 2L);
            learner.opponent(GaussianPolicy.create(2, 1, new int[] {64, 64}, new double[] {1.0}, 10.0, 1, 3L));
            assertNoAllocation(learner);
        }
    }

    private static void assertNoAllocation(final OnPolicyLearner learner) {
        final long helper = helperThreadId();
        AllocationProbe.bytesAllocated(150, i -> learner.iterate());
        final long helperBefore = THREADS.getThreadAllocatedBytes(helper);
        final long caller = AllocationProbe.bytesAllocatedWhenSteady(20, i -> learner.iterate());
        final long helperDuring = THREADS.getThreadAllocatedBytes(helper) - helperBefore;

        assertEquals(0L, caller, "bytes allocated by the calling thread (worker 0 and the update)");
        assertEquals(0L, helperDuring, "bytes allocated by the rollout helper thread (worker 1)");
    }

    private static long helperThreadId() {
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("rollout-1") && thread.isAlive()) {
                return thread.threadId();
            }
        }
        throw new AssertionError("no rollout helper thread");
    }
}
