package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Runs without MuJoCo: reading the layout the build generates. */
class MujocoLayoutTest {
    @Test
    void shouldReadOffsetsAndWarningCountersFromTheGeneratedProperties() {
        final Properties properties = TestModels.syntheticLayout(222);
        properties.setProperty("mjData.warning", "24");
        properties.setProperty(MujocoWarning.BAD_QACC.cName(), "6");

        final MujocoLayout layout = MujocoLayout.parse(properties);

        assertEquals(222, layout.headerVersion());
        assertEquals(8L * ModelField.BODY_MASS.ordinal(), layout.offset(ModelField.BODY_MASS));
        assertEquals(24 + 6 * 8 + 4, layout.warningCountOffset(MujocoWarning.BAD_QACC));
    }

    @Test
    void shouldBeUnavailableWithTheBuildsReasonWhenTheBuildCouldNotDeriveTheLayout() {
        final Properties properties = new Properties();
        properties.setProperty("unavailable", "no C compiler 'gcc' at build time: install gcc");

        final MujocoUnavailableException e =
            assertThrows(MujocoUnavailableException.class, () -> MujocoLayout.parse(properties));

        assertEquals("MuJoCo unavailable: no C compiler 'gcc' at build time: install gcc", e.getMessage());
    }

    @Test
    void shouldNameTheMissingFieldWhenTheLayoutIsIncomplete() {
        final Properties properties = TestModels.syntheticLayout(222);
        properties.remove("mjModel.geom_friction");

        final MujocoUnavailableException e =
            assertThrows(MujocoUnavailableException.class, () -> MujocoLayout.parse(properties));

        assertTrue(e.getMessage().contains("'mjModel.geom_friction'"), e.getMessage());
    }

    @Test
    void shouldRefuseSinglePrecisionMujoco() {
        final Properties properties = TestModels.syntheticLayout(222);
        properties.setProperty("sizeof.mjtNum", "4");

        final MujocoUnavailableException e =
            assertThrows(MujocoUnavailableException.class, () -> MujocoLayout.parse(properties));

        assertTrue(e.getMessage().contains("single-precision"), e.getMessage());
    }
}
