package dev.sparring.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeadlineIdleStrategyTest {
    private static final long DEADLINE_NS = 10_000_000L;
    private static final long SPIN_THRESHOLD_NS = 100_000L;

    private final FakeClock clock = new FakeClock(DEADLINE_NS - 900_000L);
    private final RecordingParker parker = new RecordingParker();
    private final DeadlineIdleStrategy idleStrategy =
        new DeadlineIdleStrategy(() -> DEADLINE_NS, clock, SPIN_THRESHOLD_NS, parker);

    @Test
    void shouldParkUntilSpinThresholdBeforeDeadline() {
        idleStrategy.idle(0);

        assertEquals(1, parker.parks);
        assertEquals(800_000L, parker.lastParkNs);
    }

    @Test
    void shouldParkAfterWorkToo() {
        idleStrategy.idle(1);

        assertEquals(1, parker.parks);
        assertEquals(800_000L, parker.lastParkNs);
    }

    @Test
    void shouldSpinWithoutParkingWithinThreshold() {
        clock.set(DEADLINE_NS - SPIN_THRESHOLD_NS);
        idleStrategy.idle();
        clock.set(DEADLINE_NS - 1);
        idleStrategy.idle();

        assertEquals(0, parker.parks);
    }

    @Test
    void shouldNotParkOnceDeadlineIsDue() {
        clock.set(DEADLINE_NS);
        idleStrategy.idle();
        clock.set(DEADLINE_NS + 5_000_000L);
        idleStrategy.idle();

        assertEquals(0, parker.parks);
    }

    @Test
    void shouldParkForTheWholeWaitWithZeroThreshold() {
        final DeadlineIdleStrategy parkOnly = new DeadlineIdleStrategy(() -> DEADLINE_NS, clock, 0, parker);
        clock.set(DEADLINE_NS - 1);

        parkOnly.idle();

        assertEquals(1L, parker.lastParkNs);
    }

    @Test
    void shouldRejectNegativeSpinThreshold() {
        assertEquals("spinThresholdNs must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
            () -> new DeadlineIdleStrategy(() -> DEADLINE_NS, clock, -1)).getMessage());
    }

    private static final class RecordingParker implements DeadlineIdleStrategy.Parker {
        private int parks;
        private long lastParkNs;

        @Override
        public void parkNanos(final long durationNs) {
            parks++;
            lastParkNs = durationNs;
        }
    }
}
