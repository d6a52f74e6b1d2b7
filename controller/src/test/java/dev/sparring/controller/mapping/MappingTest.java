package dev.sparring.controller.mapping;

import dev.sparring.controller.TestRobots;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingTest {
    private final RobotSpec spec = TestRobots.cartWithPole();

    @Test
    void shouldBuildObservationInListedOrderWithPreviousAction() {
        final RobotState state = new RobotState(spec);
        state.positions()[0] = 0.5;
        state.positions()[1] = Math.PI / 6;
        state.velocities()[1] = -2.0;
        state.sensors()[0] = 9.81;
        final ObservationMapping mapping = new ObservationMapping(spec,
            List.of("cart.position", "sin(pole.position)", "cos( pole.position )", "pole.velocity", "imu_x"),
            new double[] {Double.POSITIVE_INFINITY, 0.4, 10.0, 1.5, 10.0}, 1, true);
        final double[] observation = new double[mapping.size()];
        mapping.map(state, new double[] {3.0}, observation);
        assertArrayEquals(new double[] {0.5, 0.4, Math.cos(Math.PI / 6), -1.5, 9.81, 3.0}, observation, 1e-12,
            "sin(π/6) clipped to 0.4 and the velocity -2.0 to -1.5; values inside their bounds unchanged");
    }

    @Test
    void shouldRejectUnknownChannelsNamingWhatExists() {
        final IllegalArgumentException joint = assertThrows(IllegalArgumentException.class,
            () -> StateChannel.parse(spec, "hip.position"));
        assertTrue(joint.getMessage().contains("[cart, pole]"), joint.getMessage());
        final IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
            () -> StateChannel.parse(spec, "cart.acceleration"));
        assertTrue(field.getMessage().contains(".position, .velocity or .effort"), field.getMessage());
    }

    @Test
    void shouldClampToJointLimitsThenRateLimit() {
        final ActionMapping mapping = new ActionMapping(spec,
            List.of(new ActionTarget("cart", CommandMode.EFFORT, 1000.0)));
        final RobotCommand command = new RobotCommand(spec, mapping.commandModes());
        mapping.seedFrom(new RobotState(spec));
        mapping.apply(new double[] {50.0}, 0.001, command);
        assertEquals(1.0, command.values()[0], 1e-12, "rate limit: 1000 N/s over 1 ms");
        for (int i = 0; i < 20; i++) {
            mapping.apply(new double[] {50.0}, 0.001, command);
        }
        assertEquals(10.0, command.values()[0], 1e-12, "clamped to max_effort");
        assertTrue(Double.isNaN(command.values()[1]), "undriven passive joint gets no command");
    }

    @Test
    void shouldStartPositionTargetsFromMeasuredPositionAfterSeeding() {
        final ActionMapping mapping = new ActionMapping(spec,
            List.of(new ActionTarget("cart", CommandMode.POSITION, 1.0)));
        final RobotCommand command = new RobotCommand(spec, mapping.commandModes());
        final RobotState state = new RobotState(spec);
        state.positions()[0] = 1.5;
        mapping.seedFrom(state);
        mapping.apply(new double[] {-1.5}, 0.01, command);
        assertEquals(1.49, command.values()[0], 1e-12, "first target moves 0.01 m from the measured 1.5 m");
    }

    @Test
    void shouldRejectPassiveJointOrUnsupportedModeOrDoubleDrive() {
        assertThrows(IllegalArgumentException.class, () -> new ActionMapping(spec,
            List.of(new ActionTarget("pole", CommandMode.EFFORT, 1.0))));
        assertThrows(IllegalArgumentException.class, () -> new ActionMapping(spec,
            List.of(new ActionTarget("cart", CommandMode.VELOCITY, 1.0))));
        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> new ActionMapping(spec, List.of(new ActionTarget("cart", CommandMode.EFFORT, 1.0),
                new ActionTarget("cart", CommandMode.EFFORT, 1.0))));
        assertTrue(twice.getMessage().contains("already driven"), twice.getMessage());
    }
}
