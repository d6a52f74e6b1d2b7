package dev.sparring.trainer.colearn.taskalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The network's queues, hop delay, service and the credit of every routing decision, against hand-worked answers. */
class TaskNetworkTest {
    private static final AgentType SLOW = new AgentType("slow", 0.5, 0.0);
    private static final AgentType FAST = new AgentType("fast", 1.0, 0.0);

    private record Tuple(int agent, double[] observation, int action, double reward, double[] next) {
    }

    @Test
    void shouldAccountServiceTimeExactlyOnTwoAgents() {
        // Agent 0 (μ 0.5) forwards the work-2 task east and processes the work-1 task itself; agent 1 (μ 1) processes.
        final NetworkConfig config = new NetworkConfig(1, 2, List.of(SLOW, FAST), 1, 1, 1, 2);
        final TaskNetwork network = new TaskNetwork(config, new int[] {0, 1}, 7L);
        final TaskRouter router = (agent, obs, mask) -> agent == 0 && obs[TaskNetwork.TASK_WORK] == 2.0
            ? GridNetwork.EAST : GridNetwork.LOCAL;
        final List<Tuple> tuples = new ArrayList<>();
        final ExperienceSink sink = (agent, obs, a, r, next) -> tuples.add(new Tuple(agent, obs.clone(), a, r,
            next.clone()));
        network.inject(0, 2.0);
        network.inject(0, 1.0);
        // t = 0: both routed by agent 0; the local task gets 0.5 work; the other is on the link until t = 1.
        network.step(router, sink);
        assertEquals(1, network.inFlight());
        assertEquals(0.5, network.processingWork(0), 1e-12);
        // t = 1: agent 1 routes the task to itself and does 1 of its 2; agent 0 finishes its task at 2 (service 2).
        network.step(router, sink);
        assertEquals(1, network.completed());
        assertEquals(2.0, network.serviceTimeSum(), 0.0);
        // t = 2: agent 1 finishes at 3: service 3, credited −3 to agent 0's decision at 0 and −2 to agent 1's at 1.
        network.step(router, sink);
        assertEquals(2, network.completed());
        assertEquals(5.0, network.serviceTimeSum(), 0.0);
        assertEquals(0, network.tasksInSystem());
        assertEquals(3, tuples.size());
        assertEquals(-2.0, tuples.get(0).reward(), 0.0);
        assertEquals(0, tuples.get(0).agent());
        assertEquals(GridNetwork.LOCAL, tuples.get(0).action());
        assertArrayEquals(new double[] {1, 0, 0, -1, 0, -1, -1}, tuples.get(0).observation(), 0.0);
        assertArrayEquals(new double[] {1, 1, 0, -1, 0, -1, -1}, tuples.get(0).next(), 0.0);
        assertEquals(1, tuples.get(1).agent());
        assertEquals(-2.0, tuples.get(1).reward(), 0.0);
        assertEquals(0, tuples.get(2).agent());
        assertEquals(GridNetwork.EAST, tuples.get(2).action());
        assertEquals(-3.0, tuples.get(2).reward(), 0.0);
        assertArrayEquals(new double[] {2, 0, 1, -1, 0, -1, -1}, tuples.get(2).observation(), 0.0);
    }

    @Test
    void shouldConserveEveryArrivedTask() {
        final NetworkConfig config = NetworkConfig.heterogeneous(25);
        final TaskNetwork network = new TaskNetwork(config, TaskNetwork.drawTypes(config, 1L), 2L);
        final SplitMix64 random = new SplitMix64(3L);
        final TaskRouter router = (agent, obs, mask) -> {
            int action;
            do {
                action = random.nextInt(GridNetwork.ACTIONS);
            } while ((mask & 1 << action) == 0);
            return action;
        };
        final long[] credited = new long[1];
        for (int t = 0; t < 2_000; t++) {
            network.step(router, (agent, obs, a, r, next) -> credited[0]++);
            assertEquals(network.arrived(), network.completed() + network.tasksInSystem(), "at t = " + t);
        }
        assertTrue(network.completed() > 1_000, "tasks complete: " + network.completed());
        assertTrue(credited[0] >= network.completed(), "every completed task credits at least its one decision");
    }
}
