package dev.sparring.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.TestDescriptions;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.plant.Plant;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimBackendTest {
    private static final String VALID = """
        name: cartpole
        backend: sim
        joints:
          - name: slider
            type: prismatic
            max_velocity: 5.0
            max_effort: 10.0
            command_modes: [effort, velocity]
          - name: hinge
            max_velocity: 20.0
            passive: true
        sensors: [pole_y]
        sim:
          plant: cartpole
          inner_step_us: 500
          seed: 9
          initial_state: {positions: [0.0, 0.05], velocities: [0.0, 0.0]}
          parameters: {pole_mass_kg: 0.2}
          actuators:
            slider: {torque_constant_nm_per_a: 0.1, gear_ratio: 50.0, max_current_a: 2.0}
          sensors:
            delay_ticks: 1
            joints:
              slider: {counts_per_metre: 10000}
            channels:
              pole_y: {noise_std: 0.001}
          pd_gains:
            slider: {kv: 20.0}
        """;

    @Test
    void shouldBuildTheSystemTheSectionDescribes() {
        final SimRobotSystem system = (SimRobotSystem) RobotBackends.create(TestDescriptions.parse(VALID));
        final Plant plant = system.plant();

        assertEquals("cartpole", plant.kind());
        assertEquals(500_000, system.innerStepNs());
        assertEquals(0.2, plant.parameter(plant.parameterIndex("pole_mass_kg")));
        assertEquals(0.05, plant.q(1));
    }

    @Test
    void shouldGiveAJointWithoutActuatorEntryAnIdealActuatorAtItsMaxEffort() {
        final String withoutActuators = VALID.replace("  actuators:\n    slider: {torque_constant_nm_per_a: 0.1, "
            + "gear_ratio: 50.0, max_current_a: 2.0}\n", "");
        final SimRobotSystem system = (SimRobotSystem) RobotBackends.create(TestDescriptions.parse(withoutActuators));
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        assertNotEquals(VALID, withoutActuators);
        system.configure();
        system.activate();
        system.read(0, state);

        command.values()[0] = 50.0;
        system.write(command);
        system.read(1_000_000, state);

        assertEquals(10.0, state.efforts()[0]);
    }

    @Test
    void shouldPushTheWrongWayWithAnActuatorWiredBackwards() {
        final String reversed = VALID.replace("max_current_a: 2.0}", "max_current_a: 2.0, wiring: reversed}");
        final SimRobotSystem system = (SimRobotSystem) RobotBackends.create(TestDescriptions.parse(reversed));
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());
        assertNotEquals(VALID, reversed);
        system.configure();
        system.activate();
        system.read(0, state);

        command.values()[0] = 4.0;
        for (int tick = 1; tick <= 50; tick++) {
            system.write(command);
            system.read(tick * 1_000_000L, state);
        }

        assertEquals(-4.0, state.efforts()[0], "the effort applied is the opposite of the one commanded");
        assertTrue(state.positions()[0] < -1e-3, "the cart moves against the command: " + state.positions()[0]);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("mistakes")
    void shouldNameTheFieldWhenTheDescriptionDoesNotFitThePlant(final String original, final String replacement,
        final String expected) {
        final String yaml = VALID.replace(original, replacement);
        assertNotEquals(VALID, yaml, "the test's replacement must apply");

        final ConfigException error = assertThrows(ConfigException.class,
            () -> RobotBackends.create(TestDescriptions.parse(yaml)));

        assertTrue(error.getMessage().startsWith(TestDescriptions.SOURCE + ": " + expected), error.getMessage());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
            Arguments.of("plant: cartpole", "plant: cartpol", "sim.plant must be one of [pendulum, cartpole, "
                + "two_link_arm, inverted_pendulum], was 'cartpol'"),
            Arguments.of("  plant: cartpole\n", "", "sim.plant is required but missing"),
            Arguments.of("  seed: 9", "  seed: 9\n  integrator: euler", "sim.integrator is not a known field"),
            Arguments.of("  - name: hinge", "  - name: pole", "joints[1].name must be 'hinge' (plant 'cartpole' has "
                + "joints [slider, hinge] in that order), was 'pole'"),
            Arguments.of("type: prismatic", "type: revolute", "joints[0].type must be prismatic for joint 'slider'"),
            Arguments.of("    passive: true", "    max_effort: 1.0", "joints[1].passive must be true: plant "
                + "'cartpole' has no actuator on joint 'hinge'"),
            Arguments.of("plant: cartpole", "plant: pendulum", "joints must list the 1 joints of plant 'pendulum' "
                + "[hinge] in that order, but lists [slider, hinge]"),
            Arguments.of("sensors: [pole_y]", "sensors: [tip_y]", "sensors[0] must name a channel of plant "
                + "'cartpole' [cart_x, cart_y, pole_x, pole_y], was 'tip_y'"),
            Arguments.of("{pole_mass_kg: 0.2}", "{pole_mass: 0.2}", "sim.parameters.pole_mass is not a parameter of "
                + "plant 'cartpole'; expected one of [cart_mass_kg, pole_mass_kg"),
            Arguments.of("{pole_mass_kg: 0.2}", "{pole_mass_kg: -0.2}", "sim.parameters.pole_mass_kg is out of range: "
                + "plant cartpole parameter 'pole_mass_kg' must be finite and > 0, was -0.2"),
            Arguments.of("max_effort: 10.0", "max_effort: 12.0", "joints[0].max_effort must not exceed the "
                + "saturation of the actuator in sim.actuators.slider, torque_constant_nm_per_a × gear_ratio × "
                + "max_current_a = 10.0, was 12.0"),
            Arguments.of("gear_ratio: 50.0", "gear_ratio: 0.0", "sim.actuators.slider.gear_ratio must be > 0"),
            Arguments.of("gear_ratio: 50.0", "gear: 50.0", "sim.actuators.slider.gear is not a known field"),
            Arguments.of("max_current_a: 2.0}", "max_current_a: 2.0, wiring: backwards}",
                "sim.actuators.slider.wiring must be normal or reversed, was 'backwards'"),
            Arguments.of("  actuators:\n", "  actuators:\n    hinge: {gear_ratio: 1.0}\n",
                "sim.actuators.hinge is a passive joint; actuated joints are [slider]"),
            Arguments.of("    slider: {kv: 20.0}", "    slider: {kp: 20.0}", "sim.pd_gains.slider.kp is not a known "
                + "field; expected one of [kv]"),
            Arguments.of("  pd_gains:\n    slider: {kv: 20.0}\n", "", "sim.pd_gains.slider is required: joint "
                + "'slider' accepts velocity commands"),
            Arguments.of("counts_per_metre", "counts_per_revolution", "sim.sensors.joints.slider.counts_per_revolution"
                + " is not a known field"),
            Arguments.of("delay_ticks: 1", "delay_ticks: -1", "sim.sensors.delay_ticks must be in [0, 10000]"),
            Arguments.of("pole_y: {noise_std", "pole_x: {noise_std", "sim.sensors.channels.pole_x is not one of "
                + "the description's sensors [pole_y]"),
            Arguments.of("positions: [0.0, 0.05]", "positions: [0.05]", "sim.initial_state.positions must have one "
                + "value per joint (2), has 1"),
            Arguments.of("inner_step_us: 500", "inner_step_us: 0.5", "sim.inner_step_us must be a whole number"));
    }
}
