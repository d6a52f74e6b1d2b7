package dev.sparring.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActuatorModelTest {
    private final ActuatorModel actuator = new ActuatorModel(0.05, 20.0, 2.0);

    @Test
    void shouldSaturateAtTorqueConstantTimesGearRatioTimesMaxCurrent() {
        assertEquals(0.05 * 20.0 * 2.0, actuator.maxEffort());
        assertEquals(actuator.maxEffort(), actuator.apply(100.0));
        assertEquals(-actuator.maxEffort(), actuator.apply(-100.0));
    }

    @Test
    void shouldPassEffortsWithinTheLimitUnchanged() {
        assertEquals(1.234, actuator.apply(1.234));
        assertEquals(-0.5, actuator.apply(-0.5));
    }

    @Test
    void shouldApplyTheOppositeEffortWhenWiredBackwards() {
        final ActuatorModel backwards = new ActuatorModel(0.05, 20.0, 2.0, true);
        assertEquals(-1.234, backwards.apply(1.234));
        assertEquals(-backwards.maxEffort(), backwards.apply(100.0), "saturated, then reversed");
        assertTrue(backwards.reversed());
    }

    @Test
    void shouldRejectANonPositiveCurrentLimitNamingIt() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new ActuatorModel(0.05, 20.0, 0.0));

        assertEquals("max_current_a must be finite and > 0, was 0.0", error.getMessage());
    }
}
