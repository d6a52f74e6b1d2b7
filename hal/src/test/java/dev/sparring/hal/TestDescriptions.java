package dev.sparring.hal;

import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;

/**
 * Robot descriptions written inline in tests.
 */
public final class TestDescriptions {
    /** The source name test descriptions report in their errors. */
    public static final String SOURCE = "test.yaml";

    private TestDescriptions() {
    }

    /**
     * @param yaml a description.
     * @return it, parsed and validated, with {@link #SOURCE} as its name.
     */
    public static RobotDescription parse(final String yaml) {
        return RobotDescription.parse(SOURCE, Path.of("."), yaml);
    }
}
