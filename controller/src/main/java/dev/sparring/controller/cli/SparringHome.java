package dev.sparring.controller.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the files Sparring ships (robot descriptions, the bundled policy): the directory named by the system
 * property {@code sparring.home} (set by the launcher), else the working directory.
 */
final class SparringHome {
    private SparringHome() {
    }

    static Path resolve(final String relative) {
        final Path home = Path.of(System.getProperty("sparring.home", "."));
        final Path file = home.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw new dev.sparring.hal.config.ConfigException("bundled file " + file + " is missing; run from the "
                + "repository root or set -Dsparring.home to it");
        }
        return file;
    }
}
