package dev.sparring.controller.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the files Sparring ships (robot descriptions, the bundled policy): the directory named by the system
 * property {@code sparring.home} (set by the launcher), else the working directory.
 */
public final class SparringHome {
    private SparringHome() {
    }

    /**
     * @param relative a path inside the Sparring home, e.g. {@code robots/cartpole.yaml}.
     * @return the file.
     * @throws dev.sparring.hal.config.ConfigException when the file is missing.
     */
    public static Path resolve(final String relative) {
        final Path home = Path.of(System.getProperty("sparring.home", "."));
        final Path file = home.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw new dev.sparring.hal.config.ConfigException("bundled file " + file + " is missing; run from the "
                + "repository root or set -Dsparring.home to it");
        }
        return file;
    }
}
