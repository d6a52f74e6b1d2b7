package dev.sparring.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ControlLoopTest {
    private static final long PERIOD_NS = 1_000_000L;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void shouldRunTicksOnTheControlThreadAndSummariseTheRun() throws InterruptedException {
        final AtomicReference<String> tickThreadName = new AtomicReference<>();
        final ControlLoop loop = new ControlLoop(PERIOD_NS,
            (tickStartNs, tickIndex) -> tickThreadName.compareAndSet(null, Thread.currentThread().getName()),
            RealtimeSetup.none(), DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warnings::add);

        final LoopSummary summary = loop.run(20 * PERIOD_NS);

        assertEquals(ControlLoop.THREAD_NAME, tickThreadName.get());
        assertTrue(summary.ticks() >= 1);
        assertTrue(summary.ticks() + summary.overruns() >= 20);
        assertEquals(0, summary.errors());
        assertEquals(4, summary.realtimeReport().steps().size());
        assertThrows(IllegalStateException.class, () -> loop.run(PERIOD_NS));
    }

    @Test
    void shouldReturnWhenStoppedFromATick() throws InterruptedException {
        final AtomicReference<ControlLoop> loop = new AtomicReference<>();
        loop.set(new ControlLoop(PERIOD_NS, (tickStartNs, tickIndex) -> {
            if (tickIndex >= 3) {
                loop.get().stop();
            }
        }, RealtimeSetup.none(), DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warnings::add));

        final LoopSummary summary = loop.get().run(ControlLoop.RUN_UNTIL_STOPPED);

        assertTrue(summary.ticks() + summary.overruns() >= 4);
    }

    @Test
    void shouldTellTheCallerOnceTheLoopHasStarted() throws InterruptedException {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<ControlLoop> loop = new AtomicReference<>();
        loop.set(new ControlLoop(PERIOD_NS, new TickHandler() {
            @Override
            public void onLoopStart(final long startNs) {
                events.add("loop start");
            }

            @Override
            public void onTick(final long tickStartNs, final long tickIndex) {
                events.add("tick");
                loop.get().stop();
            }
        }, RealtimeSetup.none(), DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warnings::add));

        loop.get().run(ControlLoop.RUN_UNTIL_STOPPED, () -> events.add("started"));

        assertEquals(0, events.indexOf("loop start"), events::toString);
        assertTrue(events.contains("started"), "onStarted ran, after onLoopStart: " + events);
    }

    @Test
    void shouldReturnWhenStoppedBeforeItRanAndReportAStartOnlyIfTheLoopStarted() throws InterruptedException {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final ControlLoop loop = new ControlLoop(PERIOD_NS, new TickHandler() {
            @Override
            public void onLoopStart(final long startNs) {
                events.add("loop start");
            }

            @Override
            public void onTick(final long tickStartNs, final long tickIndex) {
            }
        }, RealtimeSetup.none(), DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warnings::add);
        loop.stop();

        loop.run(ControlLoop.RUN_UNTIL_STOPPED, () -> events.add("started"));

        assertTrue(!events.contains("started") || events.indexOf("loop start") == 0, events::toString);
    }

    @Test
    void shouldCountTicksThatThrow() throws InterruptedException {
        final ControlLoop loop = new ControlLoop(PERIOD_NS, (tickStartNs, tickIndex) -> {
            throw new IllegalStateException("broken tick " + tickIndex);
        }, RealtimeSetup.none(), DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, warnings::add);

        final LoopSummary summary = loop.run(5 * PERIOD_NS);

        assertEquals(summary.ticks(), summary.errors());
        assertTrue(summary.errors() >= 1);
    }
}
