package dev.sparring.trainer.colearn.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet file: types as variants of one robot, validated at load, dealt to robots in equal numbers. */
final class FleetDescriptionTest {
    private static final Path FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml");

    @Test
    void shouldLoadTheBundledFleetWithItsFourTypes() {
        final FleetDescription fleet = FleetDescription.load(FLEET);
        assertEquals(List.of("nominal", "heavy_pole", "damped_cart", "reversed"), fleet.typeNames());
        assertEquals("inverted_pendulum", fleet.task());
        assertEquals(25.0, fleet.robot(3, 7).section("control").number("rate_hz"));
    }

    @Test
    void shouldDealTheTypesInEqualNumbersInASeededOrder() {
        final FleetDescription fleet = FleetDescription.load(FLEET);
        final int[] types = fleet.assignTypes(32, 11);
        final int[] count = new int[4];
        for (final int type : types) {
            count[type]++;
        }
        assertArrayEquals(new int[] {8, 8, 8, 8}, count);
        assertArrayEquals(types, fleet.assignTypes(32, 11), "the same seed deals the same");
        boolean differs = false;
        for (int i = 0; i < 32; i++) {
            differs |= types[i] != i % 4;
        }
        assertTrue(differs, "not dealt in turn");
    }

    @Test
    void shouldNameTheFieldWhenATypeDoesNotFitTheRobot(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("fleet.yaml");
        Files.writeString(file, "robot: " + FLEET.toAbsolutePath().getParent().resolve("../inverted_pendulum.yaml")
            .normalize() + "\ntask: inverted_pendulum\ntypes:\n  odd: {sim: {parameters: {pole_mass_kg: -1}}}\n");
        final ConfigException error = assertThrows(ConfigException.class, () -> FleetDescription.load(file));
        assertTrue(error.getMessage().contains("pole_mass_kg"), error.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownTask(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("fleet.yaml");
        Files.writeString(file, "robot: " + FLEET.toAbsolutePath().getParent().resolve("../inverted_pendulum.yaml")
            .normalize() + "\ntask: juggling\ntypes: {a: {}}\n");
        final ConfigException error = assertThrows(ConfigException.class, () -> FleetDescription.load(file));
        assertTrue(error.getMessage().contains("task") && error.getMessage().contains("juggling"), error.getMessage());
    }
}
