package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.sim.plant.Plants;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterAxisTest {
    @Test
    void shouldSpaceARangeEvenlyAndEndExactlyOnItsLastPoint() {
        final double[] range = ParameterAxis.range(0.5, 1.5, 11);

        assertEquals(11, range.length);
        for (int i = 0; i < 11; i++) {
            assertEquals(0.5 + 0.1 * i, range[i], 1e-15);
        }
        assertEquals(0.5, range[0]);
        assertEquals(1.0, range[5]);
        assertEquals(1.5, range[10]);
    }

    @Test
    void shouldResolveMassToThePoleOnCartPolePlantsAndToEveryMassElsewhere() {
        assertEquals(List.of("pole_mass_kg"),
            ParameterAxis.mass(1.0).resolve(Plants.create("inverted_pendulum")).parameterNames());
        assertEquals(List.of("pole_mass_kg"),
            ParameterAxis.mass(1.0).resolve(Plants.create("cartpole")).parameterNames());
        assertEquals(List.of("link1_mass_kg", "link2_mass_kg"),
            ParameterAxis.mass(1.0).resolve(Plants.create("two_link_arm")).parameterNames());
        assertEquals(List.of("mass_kg"), ParameterAxis.mass(1.0).resolve(Plants.create("pendulum")).parameterNames());
    }

    @Test
    void shouldResolveFrictionToTheNonzeroDampingOfTheInvertedPendulum() {
        final Plant plant = Plants.create("inverted_pendulum");
        final ParameterAxis.Resolved friction = ParameterAxis.friction(0.5, 1.5).resolve(plant);

        assertEquals(List.of("slider_viscous_n_s_per_m", "hinge_viscous_nm_s_per_rad"), friction.parameterNames());
        friction.apply(plant, 1);
        assertEquals(1.5, plant.parameter(plant.parameterIndex("slider_viscous_n_s_per_m")));
        assertEquals(1.5, plant.parameter(plant.parameterIndex("hinge_viscous_nm_s_per_rad")));
        assertEquals(0.0, plant.parameter(plant.parameterIndex("slider_coulomb_n")));
    }

    @Test
    void shouldRefuseToScaleFrictionWhoseNominalValuesAreAllZero() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ParameterAxis.friction(0.5, 1.5).resolve(Plants.create("cartpole")));

        assertTrue(e.getMessage().contains("axis 'friction'"), e.getMessage());
        assertTrue(e.getMessage().contains("cartpole"), e.getMessage());
        assertTrue(e.getMessage().contains("ParameterAxis.absolute"), e.getMessage());
    }

    @Test
    void shouldRefuseToScaleAParameterWhoseNominalValueIsZero() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ParameterAxis.scaled("slider_viscous_n_s_per_m", 0.5, 1.5).resolve(Plants.create("cartpole")));

        assertTrue(e.getMessage().contains("nominal value is 0"), e.getMessage());
    }

    @Test
    void shouldSetAbsoluteValuesWhereTheNominalIsZero() {
        final Plant plant = Plants.create("cartpole");
        final ParameterAxis.Resolved friction = ParameterAxis.absolute("slider_viscous_n_s_per_m", 0.0, 0.25, 2.0)
            .resolve(plant);

        friction.apply(plant, 2);

        assertEquals(2.0, plant.parameter(plant.parameterIndex("slider_viscous_n_s_per_m")));
    }

    @Test
    void shouldListThePlantsParametersWhenANameIsUnknown() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ParameterAxis.scaled("pole_mass", 1.0).resolve(Plants.create("inverted_pendulum")));

        assertTrue(e.getMessage().startsWith("axis 'pole_mass': plant inverted_pendulum has no parameter named "
            + "'pole_mass'; it has ["), e.getMessage());
        assertTrue(e.getMessage().contains("pole_mass_kg"), e.getMessage());
    }

    @Test
    void shouldRejectAPointOutOfTheParametersRangeAndLeaveThePlantNominal() {
        final Plant plant = Plants.create("inverted_pendulum");
        final int pole = plant.parameterIndex("pole_mass_kg");
        final double nominal = plant.parameter(pole);

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ParameterAxis.mass(1.0, 0.0).resolve(plant));

        assertTrue(e.getMessage().startsWith("axis 'mass' point 0.0: plant inverted_pendulum parameter "
            + "'pole_mass_kg' must be finite and > 0"), e.getMessage());
        assertEquals(nominal, plant.parameter(pole));
    }

    @Test
    void shouldSetNominalTimesMultiplier() {
        final Plant plant = Plants.create("inverted_pendulum");
        final int pole = plant.parameterIndex("pole_mass_kg");
        final double nominal = plant.parameter(pole);
        final ParameterAxis.Resolved mass = ParameterAxis.mass(ParameterAxis.range(0.5, 1.5, 11)).resolve(plant);

        mass.apply(plant, 3);

        assertEquals(nominal * 0.8, plant.parameter(pole));
        assertArrayEquals(new double[] {nominal * 0.5, nominal * 1.5}, new double[] {mass.value(0, 0),
            mass.value(0, 10)});
    }
}
