package dev.sparring.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.sim.SimRobotSystem;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads every description in the repository's {@code robots/} directory and runs its system for a second. */
class RobotDescriptionFilesTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "robots/{0}.yaml")
    @ValueSource(strings = {"pendulum", "cartpole", "two_link_arm", "inverted_pendulum"})
    void shouldLoadAndRunThroughItsBackend(final String name) {
        final RobotDescription description = RobotDescription.load(robotsDirectory().resolve(name + ".yaml"));

        try (RobotSystem system = RobotBackends.create(description)) {
            assertEquals(name, system.spec().name());
            assertEquals(name, ((SimRobotSystem) system).plant().kind());
            assertFalse(description.section("sim").keys().isEmpty());
            assertEquals(ReturnCode.OK, system.configure());
            assertEquals(ReturnCode.OK, system.activate());
            final RobotState state = new RobotState(system.spec());
            final RobotCommand command = RobotCommand.effort(system.spec());
            for (int tick = 0; tick < 1000; tick++) {
                assertEquals(ReturnCode.OK, system.read(tick * MS, state));
                command.values()[0] = 0.0;
                assertEquals(ReturnCode.OK, system.write(command));
            }
            assertEquals(1000, state.sampleSequence());
            for (int i = 0; i < system.spec().jointCount(); i++) {
                assertTrue(Double.isFinite(state.positions()[i]));
            }
            assertEquals(ReturnCode.OK, system.deactivate());
        }
    }

    private static Path robotsDirectory() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("robots/pendulum.yaml"))) {
            directory = directory.getParent();
        }
        assertNotNull(directory, "no robots/ directory above " + Path.of("").toAbsolutePath());
        return directory.resolve("robots");
    }
}
