package dev.sparring.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentTerminationException;
import org.junit.jupiter.api.Test;

class FixedRateLoopAgentTest {
    private static final long T0_NS = 5_000_000_000L;
    private static final long PERIOD_NS = 1_000_000L;

    private final FakeClock clock = new FakeClock(T0_NS);
    private final List<long[]> ticks = new ArrayList<>();
    private final TickHandler recordingHandler =
        (tickStartNs, tickIndex) -> ticks.add(new long[]{tickStartNs, tickIndex});

    @Test
    void shouldRunTickZeroAtStartAndNextTickNotBeforeItsDeadline() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler);
        agent.onStart();

        assertEquals(1, agent.doWork());
        assertEquals(T0_NS + PERIOD_NS, agent.nextDeadlineNs());

        clock.set(T0_NS + PERIOD_NS - 1);
        assertEquals(0, agent.doWork());
        assertEquals(1, ticks.size());

        clock.set(T0_NS + PERIOD_NS);
        assertEquals(1, agent.doWork());
        assertEquals(2, ticks.size());
        assertEquals(T0_NS + PERIOD_NS, ticks.get(1)[0]);
        assertEquals(1, ticks.get(1)[1]);
        assertEquals(0, agent.doWork());
    }

    @Test
    void shouldFixStartAtFirstDoWorkWhenDrivenWithoutOnStart() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler);
        clock.set(T0_NS + 123);

        assertEquals(1, agent.doWork());
        assertEquals(T0_NS + 123 + PERIOD_NS, agent.nextDeadlineNs());
        assertEquals(0, ticks.get(0)[1]);
    }

    @Test
    void shouldStartTickKAtStartPlusKPeriodsWhateverTheHandlerTakes() {
        final long stepNs = 1_000;
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, (tickStartNs, tickIndex) -> {
            ticks.add(new long[]{tickStartNs, tickIndex});
            clock.advance((tickIndex % 7) * 100_000);
        });
        agent.onStart();

        while (ticks.size() < 1_000) {
            agent.doWork();
            clock.advance(stepNs);
        }

        for (int k = 0; k < ticks.size(); k++) {
            assertEquals(T0_NS + k * PERIOD_NS, ticks.get(k)[0], "start of tick " + k);
            assertEquals(k, ticks.get(k)[1]);
        }
        assertEquals(T0_NS + 1_000 * PERIOD_NS, agent.nextDeadlineNs());
        assertEquals(0, agent.overrunCount());
    }

    @Test
    void shouldSkipMissedTicksAndCountThemAsOverruns() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler);
        agent.onStart();
        agent.doWork();

        clock.set(T0_NS + PERIOD_NS + 3 * PERIOD_NS + PERIOD_NS / 2);
        assertEquals(1, agent.doWork());

        assertEquals(3, agent.overrunCount());
        assertEquals(2, agent.ticksRun());
        assertEquals(1, ticks.get(1)[1]);
        assertEquals(T0_NS + 5 * PERIOD_NS, agent.nextDeadlineNs());
        assertEquals(0, agent.doWork());

        clock.set(T0_NS + 5 * PERIOD_NS);
        assertEquals(1, agent.doWork());
        assertEquals(5, ticks.get(2)[1]);
        assertEquals(3, agent.overrunCount());
    }

    @Test
    void shouldSkipDeadlineThatFallsExactlyOnTheStartOfALateTick() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler);
        agent.onStart();
        agent.doWork();

        clock.set(T0_NS + 2 * PERIOD_NS);
        agent.doWork();

        assertEquals(1, agent.overrunCount());
        assertEquals(T0_NS + 3 * PERIOD_NS, agent.nextDeadlineNs());
    }

    @Test
    void shouldRecordExactLatenessAndComputeTime() {
        final FixedRateLoopAgent agent =
            new FixedRateLoopAgent(clock, PERIOD_NS, (tickStartNs, tickIndex) -> clock.advance(700 + tickIndex));
        agent.onStart();
        agent.doWork();
        clock.set(T0_NS + PERIOD_NS + 1_500);
        agent.doWork();

        assertEquals(2, agent.latenessHistogram().getTotalCount());
        assertEquals(1, agent.latenessHistogram().getCountAtValue(0));
        assertEquals(1, agent.latenessHistogram().getCountAtValue(1_500));
        assertEquals(1_500, agent.maxLatenessNs());
        assertEquals(1, agent.computeHistogram().getCountAtValue(700));
        assertEquals(1, agent.computeHistogram().getCountAtValue(701));
        assertEquals(701, agent.computeHistogram().getMaxValue());
    }

    @Test
    void shouldClampLatenessAboveHistogramRangeAndKeepExactMax() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler);
        agent.onStart();
        agent.doWork();
        final long latenessNs = 5 * FixedRateLoopAgent.HISTOGRAM_MAX_NS + 17;
        clock.set(T0_NS + PERIOD_NS + latenessNs);

        agent.doWork();

        assertEquals(latenessNs, agent.maxLatenessNs());
        assertEquals(latenessNs / PERIOD_NS, agent.overrunCount());
        assertTrue(agent.latenessHistogram().getMaxValue() >= FixedRateLoopAgent.HISTOGRAM_MAX_NS);
        assertTrue(agent.latenessHistogram().getMaxValue() < latenessNs);
    }

    @Test
    void shouldRejectPeriodsOutsideTenHzToTenKhz() {
        final IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
            () -> new FixedRateLoopAgent(clock, 99_999, recordingHandler));
        assertEquals("periodNs must be between 100000 (10 kHz) and 100000000 (10 Hz), was 99999",
            tooFast.getMessage());
        final IllegalArgumentException tooSlow = assertThrows(IllegalArgumentException.class,
            () -> new FixedRateLoopAgent(clock, 100_000_001, recordingHandler));
        assertEquals("periodNs must be between 100000 (10 kHz) and 100000000 (10 Hz), was 100000001",
            tooSlow.getMessage());
        new FixedRateLoopAgent(clock, FixedRateLoopAgent.MIN_PERIOD_NS, recordingHandler);
        new FixedRateLoopAgent(clock, FixedRateLoopAgent.MAX_PERIOD_NS, recordingHandler);
    }

    @Test
    void shouldConvertRatesAndRejectThoseOutsideTenHzToTenKhz() {
        assertEquals(1_000_000, FixedRateLoopAgent.periodNsOfRateHz(1_000));
        assertEquals(100_000, FixedRateLoopAgent.periodNsOfRateHz(10_000));
        assertEquals(3_003_003, FixedRateLoopAgent.periodNsOfRateHz(333));
        assertEquals("rateHz must be between 10 and 10000, was 20000.0", assertThrows(IllegalArgumentException.class,
            () -> FixedRateLoopAgent.periodNsOfRateHz(20_000)).getMessage());
        assertEquals("rateHz must be between 10 and 10000, was NaN", assertThrows(IllegalArgumentException.class,
            () -> FixedRateLoopAgent.periodNsOfRateHz(Double.NaN)).getMessage());
    }

    @Test
    void shouldRejectNonPositiveLimits() {
        assertEquals("maxTicks must be >= 1 (or NO_LIMIT), was 0", assertThrows(IllegalArgumentException.class,
            () -> new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler, 0, FixedRateLoopAgent.NO_LIMIT))
            .getMessage());
        assertEquals("durationNs must be >= 1 (or NO_LIMIT), was -5", assertThrows(IllegalArgumentException.class,
            () -> new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler, 10, -5)).getMessage());
    }

    @Test
    void shouldTerminateWhenTheTickAfterMaxTicksIsDue() {
        final FixedRateLoopAgent agent =
            new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler, 3, FixedRateLoopAgent.NO_LIMIT);
        agent.onStart();
        for (int k = 0; k < 3; k++) {
            clock.set(T0_NS + k * PERIOD_NS);
            assertEquals(1, agent.doWork());
        }
        clock.set(T0_NS + 3 * PERIOD_NS - 1);
        assertEquals(0, agent.doWork());

        clock.set(T0_NS + 3 * PERIOD_NS);
        final AgentTerminationException ex = assertThrows(AgentTerminationException.class, agent::doWork);

        assertTrue(ex.isExpected());
        assertEquals(3, ticks.size());
        assertThrows(AgentTerminationException.class, agent::doWork);
    }

    @Test
    void shouldTerminateAtFirstDeadlineAtOrAfterTheDuration() {
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(
            clock, PERIOD_NS, recordingHandler, FixedRateLoopAgent.NO_LIMIT, 2 * PERIOD_NS + 1);
        agent.onStart();
        for (int k = 0; k < 3; k++) {
            clock.set(T0_NS + k * PERIOD_NS);
            assertEquals(1, agent.doWork());
        }
        clock.set(T0_NS + 3 * PERIOD_NS);

        assertThrows(AgentTerminationException.class, agent::doWork);
        assertEquals(3, agent.ticksRun());
    }

    @Test
    void shouldCloseThroughAgentInvokerWithoutReportingAnError() {
        final List<Throwable> errors = new ArrayList<>();
        final FixedRateLoopAgent agent =
            new FixedRateLoopAgent(clock, PERIOD_NS, recordingHandler, 2, FixedRateLoopAgent.NO_LIMIT);
        final AgentInvoker invoker = new AgentInvoker(errors::add, null, agent);
        invoker.start();

        while (invoker.isRunning()) {
            invoker.invoke();
            clock.advance(PERIOD_NS / 4);
        }

        assertTrue(invoker.isClosed());
        assertTrue(errors.isEmpty());
        assertEquals(2, ticks.size());
    }

    @Test
    void shouldSummariseCountersAndPercentiles() {
        final FixedRateLoopAgent agent =
            new FixedRateLoopAgent(clock, PERIOD_NS, (tickStartNs, tickIndex) -> clock.advance(1_000));
        agent.onStart();
        agent.doWork();
        clock.set(T0_NS + 2 * PERIOD_NS + 2_000);
        agent.doWork();

        final LoopSummary summary = LoopSummary.of(agent, 0, RealtimeSetup.none().applyToCurrentThread());

        assertEquals(2, summary.ticks());
        assertEquals(1, summary.overruns());
        assertEquals(PERIOD_NS + 2_000, summary.jitterMaxNs());
        assertEquals(1_000, summary.computeP50Ns());
        final String[] lines = summary.toString().split(System.lineSeparator());
        assertEquals("control loop: 2 ticks, 1 overruns (missed ticks), 0 errors", lines[0]);
        assertTrue(lines[1].startsWith("  jitter  p50 0.0 µs,"), lines[1]);
        assertTrue(lines[1].endsWith("max 1002.0 µs"), lines[1]);
        assertEquals("  compute p50 1.0 µs, p99 1.0 µs, max 1.0 µs", lines[2]);
        assertEquals("real-time setup:", lines[3]);
    }

    @Test
    void shouldTellTheHandlerT0OnceBeforeTickZero() {
        final long[] starts = new long[2];
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, new TickHandler() {
            @Override
            public void onTick(final long tickStartNs, final long tickIndex) {
                starts[1]++;
            }

            @Override
            public void onLoopStart(final long startNs) {
                assertEquals(0, starts[1], "before any tick");
                starts[0] = startNs;
            }
        });
        final long t0 = clock.nanoTime();
        agent.onStart();
        agent.onStart();
        agent.doWork();
        assertEquals(t0, starts[0]);
        assertEquals(1, starts[1]);
    }

    @Test
    void shouldNotAllocatePerTick() {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final FixedRateLoopAgent agent = new FixedRateLoopAgent(clock, PERIOD_NS, (tickStartNs, tickIndex) -> {
        });
        agent.onStart();
        agent.doWork();
        runTicks(agent, 100_000);
        threads.getCurrentThreadAllocatedBytes();

        final long beforeBytes = threads.getCurrentThreadAllocatedBytes();
        final int ranTicks = runTicks(agent, 100_000);
        final long afterBytes = threads.getCurrentThreadAllocatedBytes();

        assertEquals(100_000, ranTicks);
        assertEquals(0, afterBytes - beforeBytes, "bytes allocated over 100 000 ticks");
        assertEquals(0, agent.overrunCount());
    }

    private int runTicks(final FixedRateLoopAgent agent, final int count) {
        int ranTicks = 0;
        for (int i = 0; i < count; i++) {
            clock.advance(PERIOD_NS);
            ranTicks += agent.doWork();
        }
        return ranTicks;
    }
}
