package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The binding's test models (MJCF files beside this class), the assumption that skips a test where MuJoCo is
 * unavailable, and a complete layout with made-up values for tests that need no library.
 */
final class TestModels {
    private TestModels() {
    }

    /**
     * Skips the calling test, with the reason (which names the packages to install), when MuJoCo is unavailable.
     */
    static void assumeMujoco() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
    }

    /**
     * @param name a file name beside this class, e.g. {@code "pendulum.xml"}.
     * @return its path.
     */
    static Path path(final String name) {
        final URL url = TestModels.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test model " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /**
     * @param version the header version to claim.
     * @return every key mujoco_layout.c prints, with made-up offsets and this machine's sizes.
     */
    static Properties syntheticLayout(final int version) {
        final Properties layout = new Properties();
        layout.setProperty("version", Integer.toString(version));
        layout.setProperty("sizeof.mjtNum", "8");
        layout.setProperty("sizeof.int", "4");
        layout.setProperty("sizeof.pointer", "8");
        layout.setProperty("sizeof.mjWarningStat", "8");
        layout.setProperty("mjWarningStat.number", "4");
        layout.setProperty("mjNWARNING", Integer.toString(MujocoWarning.values().length));
        for (final ModelField field : ModelField.values()) {
            layout.setProperty("mjModel." + field.cName(), Integer.toString(8 * field.ordinal()));
        }
        for (final DataField field : DataField.values()) {
            layout.setProperty("mjData." + field.cName(), Integer.toString(16 + 8 * field.ordinal()));
        }
        for (final MujocoObject type : MujocoObject.values()) {
            layout.setProperty(type.cName(), Integer.toString(type.ordinal()));
        }
        for (final MujocoConstant constant : MujocoConstant.values()) {
            layout.setProperty(constant.cName(), Integer.toString(constant.ordinal()));
        }
        for (final MujocoWarning warning : MujocoWarning.values()) {
            layout.setProperty(warning.cName(), Integer.toString(warning.ordinal()));
        }
        return layout;
    }
}
