package dev.sparring.controller.safety;

import dev.sparring.controller.TestRobots;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetySupervisorTest {
    private static final long PERIOD_NS = 1_000_000;
    private final RobotSpec spec = TestRobots.cartWithPole();
    private RobotState state;
    private SafetySupervisor supervisor;
    private long now;

    @BeforeEach
    void setUp() {
        state = new RobotState(spec);
        supervisor = new SafetySupervisor(spec, new SafetyConfig(3, 0.1, 0.2, 10 * PERIOD_NS,
            SafeCommandPolicy.HOLD));
    }

    private boolean tick(final boolean freshSample) {
        now += PERIOD_NS;
        if (freshSample) {
            state.markFreshSample(now);
        }
        return supervisor.checkState(now, true, state);
    }

    @Test
    void shouldPassHealthyTicks() {
        for (int i = 0; i < 100; i++) {
            assertTrue(tick(true));
        }
        assertFalse(supervisor.isFaulted());
        assertEquals(0, supervisor.totalFaults());
    }

    @Test
    void shouldLatchStaleSensorAfterMoreThanAllowedTicksWithoutSample() {
        assertTrue(tick(true));
        assertTrue(tick(false));
        assertTrue(tick(false));
        assertTrue(tick(false));
        assertFalse(tick(false), "4th tick without a sample exceeds stale_ticks = 3");
        assertEquals(FaultCause.STALE_SENSOR, supervisor.latchedCause());
    }

    @Test
    void shouldStayLatchedUntilExplicitResetAndCountOnce() {
        state.positions()[0] = 2.5;
        assertFalse(tick(true));
        state.positions()[0] = 0.0;
        for (int i = 0; i < 10; i++) {
            assertFalse(tick(true), "fault must stay latched when the cause goes away");
        }
        assertEquals(1, supervisor.faultCount(FaultCause.LIMIT_VIOLATION));
        supervisor.reset();
        assertTrue(tick(true));
        assertNull(supervisor.latchedCause());
    }

    @Test
    void shouldTolerateLimitViolationWithinMargin() {
        state.positions()[0] = 2.09;
        assertTrue(tick(true));
        state.velocities()[1] = 23.9;
        assertTrue(tick(true));
        state.velocities()[1] = 24.1;
        assertFalse(tick(true));
        assertEquals(FaultCause.LIMIT_VIOLATION, supervisor.latchedCause());
    }

    @Test
    void shouldHoldSafeCommandWhenObservationIsNaN() {
        assertTrue(tick(true));
        state.positions()[0] = 0.7;
        assertFalse(supervisor.checkObservation(new double[] {0.7, Double.NaN}, state));
        final RobotCommand command = new RobotCommand(spec, new CommandMode[] {CommandMode.POSITION,
            CommandMode.EFFORT});
        command.values()[0] = 1.9;
        supervisor.writeSafeCommand(command);
        assertEquals(0.7, command.values()[0], "position joint holds the position measured at the fault");
        assertTrue(Double.isNaN(command.values()[1]), "passive joint gets no command");
        assertEquals(FaultCause.NON_FINITE_OBSERVATION, supervisor.latchedCause());
    }

    @Test
    void shouldCommandZeroEffortWhenActionIsInfinite() {
        assertTrue(tick(true));
        assertFalse(supervisor.checkAction(new double[] {Double.POSITIVE_INFINITY}, state));
        final RobotCommand command = RobotCommand.effort(spec);
        command.values()[0] = 5.0;
        supervisor.writeSafeCommand(command);
        assertEquals(0.0, command.values()[0]);
        assertEquals(FaultCause.NON_FINITE_ACTION, supervisor.latchedCause());
    }

    @Test
    void shouldLatchWatchdogWhenTicksAreTooFarApart() {
        assertTrue(tick(true));
        now += 10 * PERIOD_NS;
        state.markFreshSample(now);
        assertTrue(supervisor.checkState(now, true, state), "a gap of exactly the timeout is still fine");
        now += 10 * PERIOD_NS + 1;
        state.markFreshSample(now);
        assertFalse(supervisor.checkState(now, true, state));
        assertEquals(FaultCause.WATCHDOG, supervisor.latchedCause());
    }

    @Test
    void shouldLatchReadAndWriteErrors() {
        now += PERIOD_NS;
        assertFalse(supervisor.checkState(now, false, state));
        assertEquals(FaultCause.READ_ERROR, supervisor.latchedCause());
        supervisor.reset();
        assertTrue(tick(true));
        supervisor.reportWriteError(state);
        assertEquals(FaultCause.WRITE_ERROR, supervisor.latchedCause());
        assertEquals(2, supervisor.totalFaults());
    }
}
