package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the library and checking its version; the first tests run without MuJoCo. */
class MujocoAvailabilityTest {
    @Test
    void shouldNameThePackagesToInstallWhenTheLibraryIsMissing(@TempDir final Path empty) {
        final MujocoLayout layout = MujocoLayout.parse(TestModels.syntheticLayout(222));
        final String library = empty.resolve("libmujoco.so").toString();

        final MujocoUnavailableException e =
            assertThrows(MujocoUnavailableException.class, () -> Mujoco.open(library, layout));

        assertTrue(e.getMessage().startsWith("MuJoCo unavailable: cannot load the MuJoCo library '" + library + "'"),
            e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install libmujoco2.2.2 libmujoco-dev"), e.getMessage());
    }

    @Test
    void shouldRefuseModelsWithTheReasonWhenUnavailable() {
        if (Mujoco.isAvailable()) {
            assertEquals("", Mujoco.unavailableReason());
            return;
        }
        final MujocoUnavailableException e = assertThrows(MujocoUnavailableException.class,
            () -> MujocoModel.load(Path.of("any.xml")));

        assertEquals(Mujoco.unavailableReason(), e.getMessage());
    }

    @Test
    void shouldRefuseALibraryWhoseVersionDiffersFromTheHeadersTheLayoutCameFrom() {
        TestModels.assumeMujoco();
        final MujocoLayout olderHeaders = MujocoLayout.parse(TestModels.syntheticLayout(210));

        final MujocoUnavailableException e = assertThrows(MujocoUnavailableException.class,
            () -> Mujoco.open(System.getProperty(Mujoco.LIBRARY_PROPERTY, Mujoco.DEFAULT_LIBRARY), olderHeaders));

        assertTrue(e.getMessage().contains("is MuJoCo 2.2.2 (mj_version() = 222), but this build read the struct "
            + "layout from the headers of 2.1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("libmujoco2.2.2"), e.getMessage());
    }

    @Test
    void shouldReportTheVersionTheLayoutWasDerivedFor() {
        TestModels.assumeMujoco();

        assertEquals(222, Mujoco.version());
    }
}
