package dev.sparring.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OverrunMonitorTest {
    private static final long T0_NS = 1_000_000_000L;
    private static final long PERIOD_NS = 1_000_000L;
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final FakeClock clock = new FakeClock(T0_NS);
    private final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, (tickStartNs, tickIndex) -> {
    });
    private final List<String> warnings = new ArrayList<>();
    private final OverrunMonitor monitor = new OverrunMonitor(agent, INTERVAL_NS, warnings::add);

    @Test
    void shouldStayQuietWithoutOverruns() {
        agent.onStart();
        agent.doWork();

        assertFalse(monitor.poll(T0_NS));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void shouldWarnAtMostOncePerInterval() {
        agent.onStart();
        agent.doWork();
        overrun(3);

        assertTrue(monitor.poll(T0_NS));
        assertEquals("control loop overran: 3 ticks missed since the last warning (3 in total), " +
            "max lateness 3.000 ms, period 1.000 ms", warnings.get(0));

        overrun(2);
        assertFalse(monitor.poll(T0_NS + INTERVAL_NS - 1));
        assertTrue(monitor.poll(T0_NS + INTERVAL_NS));
        assertEquals("control loop overran: 2 ticks missed since the last warning (5 in total), " +
            "max lateness 3.000 ms, period 1.000 ms", warnings.get(1));

        assertFalse(monitor.poll(T0_NS + 5 * INTERVAL_NS));
        assertEquals(2, warnings.size());
    }

    private void overrun(final int missedTicks) {
        clock.set(agent.nextDeadlineNs() + missedTicks * PERIOD_NS);
        agent.doWork();
    }
}
