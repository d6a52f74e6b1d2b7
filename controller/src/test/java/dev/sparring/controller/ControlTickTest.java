package dev.sparring.controller;

import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.safety.FaultCause;
import dev.sparring.controller.safety.SafeCommandPolicy;
import dev.sparring.controller.safety.SafetyConfig;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.mock.MockRobotSystem;
import dev.sparring.hal.mock.StateChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The whole tick against the mock backend, whose break switches drive the safety paths. */
class ControlTickTest {
    private static final long PERIOD_NS = 1_000_000;
    private final RobotSpec spec = TestRobots.cartWithPole();
    private MockRobotSystem robot;
    private double policyOutput;
    private long now;
    private long tickIndex;

    @BeforeEach
    void setUp() {
        robot = new MockRobotSystem(spec, new double[] {0.5, 0.0});
        assertEquals(ReturnCode.OK, robot.configure());
        assertEquals(ReturnCode.OK, robot.activate());
        policyOutput = 0.2;
    }

    private ControlTick tick(final CommandMode mode, final double maxRatePerS, final SafeCommandPolicy safe) {
        final ActionMapping action = new ActionMapping(spec, List.of(new ActionTarget("cart", mode, maxRatePerS)));
        final ObservationMapping observation = new ObservationMapping(spec,
            List.of("cart.position", "cart.velocity"), new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
            1, true);
        final ControlTick tick = new ControlTick(robot, observation, (obs, act) -> act[0] = policyOutput, action,
            new SafetySupervisor(spec, new SafetyConfig(2, 0.0, 0.2, 20 * PERIOD_NS, safe)), null, PERIOD_NS, 1,
            EpisodeEnd.STOP, ControlConfig.NO_TIME_LIMIT);
        tick.start(now);
        return tick;
    }

    private void run(final ControlTick tick, final int ticks) {
        for (int i = 0; i < ticks; i++) {
            now += PERIOD_NS;
            tick.onTick(now, tickIndex++);
        }
    }

    @Test
    void shouldDrivePositionTargetFromMeasuredPositionNotFromStaleTarget() {
        final ControlTick tick = tick(CommandMode.POSITION, 10.0, SafeCommandPolicy.HOLD);
        policyOutput = -1.0;
        run(tick, 1);
        assertEquals(0.49, tick.command().values()[0], 1e-12, "first target is 10 m/s × 1 ms from the measured 0.5 m");
        run(tick, 10);
        assertEquals(0.39, tick.command().values()[0], 1e-9);
        assertEquals(0.40, tick.state().positions()[0], 1e-9, "the mock reads back the previous tick's command");
    }

    @Test
    void shouldCommandSafeStateInTheSameTickWhenPolicyOutputsNaN() {
        final ControlTick tick = tick(CommandMode.EFFORT, Double.MAX_VALUE, SafeCommandPolicy.ZERO_EFFORT);
        run(tick, 5);
        assertEquals(0.2, tick.command().values()[0], 1e-12);
        policyOutput = Double.NaN;
        run(tick, 1);
        assertEquals(0.0, tick.command().values()[0], "zero effort in the very tick the NaN appeared");
        assertEquals(FaultCause.NON_FINITE_ACTION, tick.supervisor().latchedCause());
        policyOutput = 0.3;
        run(tick, 50);
        assertEquals(0.0, tick.command().values()[0], "latched: good actions do not clear the fault");
        assertEquals(1, tick.supervisor().totalFaults());
    }

    @Test
    void shouldFaultOnLostFeedbackAfterStaleTicks() {
        final ControlTick tick = tick(CommandMode.EFFORT, Double.MAX_VALUE, SafeCommandPolicy.ZERO_EFFORT);
        run(tick, 3);
        robot.loseFeedback(true);
        run(tick, 2);
        assertNull(tick.supervisor().latchedCause(), "two ticks without a sample are tolerated (stale_ticks = 2)");
        run(tick, 1);
        assertEquals(FaultCause.STALE_SENSOR, tick.supervisor().latchedCause());
        assertEquals(0.0, tick.command().values()[0]);
    }

    @Test
    void shouldFaultOnNaNStateReadErrorAndWriteError() {
        final ControlTick tick = tick(CommandMode.EFFORT, Double.MAX_VALUE, SafeCommandPolicy.ZERO_EFFORT);
        run(tick, 2);
        robot.injectNaN(StateChannel.VELOCITY, 0, true);
        run(tick, 1);
        assertEquals(FaultCause.NON_FINITE_OBSERVATION, tick.supervisor().latchedCause());

        robot.injectNaN(StateChannel.VELOCITY, 0, false);
        tick.start(now);
        run(tick, 1);
        assertNull(tick.supervisor().latchedCause(), "an explicit reset clears the fault");
        robot.failNextRead();
        run(tick, 1);
        assertEquals(FaultCause.READ_ERROR, tick.supervisor().latchedCause());

        tick.start(now);
        robot.failNextWrite();
        run(tick, 1);
        assertEquals(FaultCause.WRITE_ERROR, tick.supervisor().latchedCause());
        assertEquals(3, tick.supervisor().totalFaults());
    }

    @Test
    void shouldReactivateTheRobotAnErrorLeftInactiveAndStartFromWhereItIs() {
        final ControlTick tick = tick(CommandMode.POSITION, 10.0, SafeCommandPolicy.HOLD);
        policyOutput = -1.0;
        run(tick, 5);
        robot.failNextRead();
        run(tick, 1);
        assertEquals(FaultCause.READ_ERROR, tick.supervisor().latchedCause());
        assertEquals(LifecycleState.INACTIVE, robot.lifecycleState(), "hal's error path left ACTIVE");
        run(tick, 3);
        assertEquals(LifecycleState.INACTIVE, robot.lifecycleState(), "the controller does not reactivate by itself");

        assertEquals(ReturnCode.OK, tick.start(now));
        assertEquals(LifecycleState.ACTIVE, robot.lifecycleState());
        final double measured = tick.state().positions()[0];
        run(tick, 1);
        assertNull(tick.supervisor().latchedCause());
        assertEquals(measured - 0.01, tick.command().values()[0], 1e-12,
            "the first target after reactivation is 10 m/s × 1 ms from the measured position, not a stale one");
    }

    @Test
    void shouldFaultWhenRobotIsOutsideItsLimitsAndHoldWhereItWas() {
        robot = new MockRobotSystem(spec, new double[] {2.5, 0.0});
        robot.configure();
        robot.activate();
        final ControlTick tick = tick(CommandMode.POSITION, Double.MAX_VALUE, SafeCommandPolicy.HOLD);
        run(tick, 1);
        assertEquals(FaultCause.LIMIT_VIOLATION, tick.supervisor().latchedCause());
        assertEquals(2.5, tick.command().values()[0], "hold: the position measured when the fault latched");
    }
}
