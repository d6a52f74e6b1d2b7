package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.trainer.colearn.RelativeAuc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Whole runs: deterministic for a seed, and sharing that must help where agents are alike. */
class TaskAllocationRunTest {
    private static final RunSettings SMALL = new RunSettings(1_500, 50, 4, 0.1, 0.5, 2.0, 2, 50);

    @Test
    void shouldRepeatEveryNumberForTheSameSeed() {
        final NetworkConfig network = NetworkConfig.heterogeneous(16);
        for (final PartnerPlanner planner : new PartnerPlanner[] {null, PartnerPlanner.everyone(),
            PartnerPlanner.random(1.5), new ColearnPlanner(2)}) {
            final RunResult first = TaskAllocationRun.run(network, SMALL, planner, 11L, null);
            final RunResult second = TaskAllocationRun.run(network, SMALL, planner, 11L, null);
            assertArrayEquals(first.serviceTime(), second.serviceTime(), 0.0);
            assertArrayEquals(first.tasksInSystem(), second.tasksInSystem(), 0.0);
            assertEquals(first.completed(), second.completed());
            assertEquals(first.replayedUpdates(), second.replayedUpdates());
            assertEquals(first.meanPartners(), second.meanPartners(), 0.0);
            assertEquals(30, first.serviceTime().length);
        }
        final RunResult other = TaskAllocationRun.run(network, SMALL, null, 12L, null);
        final RunResult same = TaskAllocationRun.run(network, SMALL, null, 11L, null);
        assertTrue(other.completed() != same.completed() || other.serviceTime()[29] != same.serviceTime()[29]);
    }

    @Test
    void shouldSeeTheSameTasksWhateverTheMethod() {
        final NetworkConfig network = NetworkConfig.heterogeneous(16);
        final RunResult independent = TaskAllocationRun.run(network, SMALL, null, 5L, null);
        final RunResult shared = TaskAllocationRun.run(network, SMALL, PartnerPlanner.everyone(), 5L, null);
        assertEquals(independent.arrived(), shared.arrived());
    }

    @Test
    void shouldLearnFasterWhenIdenticalAgentsShareEverything() {
        // One type for every agent: each agent's experience is as good as its own, so replaying it must help.
        final NetworkConfig network = NetworkConfig.heterogeneous(16)
            .withTypes(List.of(new AgentType("same", 0.8, 0.3)));
        final RunSettings settings = new RunSettings(3_000, 50, 1, 0.1, 0.5, 2.0, 1, 50);
        for (long seed = 0; seed < 3; seed++) {
            final RunResult independent = TaskAllocationRun.run(network, settings, null, seed, null);
            final RunResult shared = TaskAllocationRun.run(network, settings, PartnerPlanner.everyone(), seed, null);
            final double reference = RelativeAuc.reference(independent.serviceTime(), shared.serviceTime());
            final double relative = RelativeAuc.relative(shared.serviceTime(), independent.serviceTime(), reference);
            assertTrue(relative < 0.7, "seed " + seed + ": relative AUC of sharing " + relative);
        }
    }

    @Test
    void shouldPickPartnersOfTheSameHiddenSpeedMoreOftenThanChance() {
        // Two speeds, far apart: the context features (time per unit of work) should tell them apart.
        final NetworkConfig network = NetworkConfig.heterogeneous(36)
            .withTypes(List.of(new AgentType("fast", 1.0, 0.3), new AgentType("slow", 0.25, 0.1)));
        final RunSettings settings = new RunSettings(2_000, 100, 1, 0.1, 0.5, 2.0, 3, 100);
        final RunResult colearn = TaskAllocationRun.run(network, settings, new ColearnPlanner(3), 4L, null);
        final RunResult random = TaskAllocationRun.run(network, settings, PartnerPlanner.random(
            colearn.meanPartners()), 4L, null);
        assertTrue(colearn.sameTypeShare() > random.sameTypeShare() + 0.2, "colearn " + colearn.sameTypeShare()
            + ", random " + random.sameTypeShare());
    }
}
