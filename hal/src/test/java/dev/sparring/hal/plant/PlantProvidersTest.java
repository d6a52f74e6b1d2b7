package dev.sparring.hal.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.sim.plant.Plants;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantProvidersTest {
    @Test
    void shouldFindAProviderRegisteredOnTheClassPathByItsName() {
        final PlantProvider provider = PlantProviders.find("echo").orElseThrow();
        assertEquals(List.of("pendulum"), provider.kinds());
        assertEquals("pendulum", provider.create("pendulum").kind());
    }

    @Test
    void shouldFindNothingUnderAnUnregisteredName() {
        assertTrue(PlantProviders.find("mujoco-not-here").isEmpty());
    }

    /** A provider of the Java pendulum, registered in this module's test resources. */
    public static final class EchoProvider implements PlantProvider {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public List<String> kinds() {
            return List.of("pendulum");
        }

        @Override
        public Plant create(final String kind) {
            return Plants.create(kind);
        }
    }
}
