package dev.sparring.hal.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MJCF models of the five robots shipped with the binding ({@code models/<name>.xml} beside this class), as files
 * MuJoCo can load: the resource itself when it is a file, otherwise (inside a jar) a copy in a temporary directory
 * made once per name and process.
 */
public final class BundledModels {
    /** The bundled models' names. */
    public static final List<String> NAMES =
        List.of("inverted_pendulum", "half_cheetah", "swimmer", "hopper", "walker2d");

    private static final Map<String, Path> EXTRACTED = new HashMap<>();

    private BundledModels() {
    }

    /**
     * @param name a bundled model's name, one of {@link #NAMES}.
     * @return a file holding it.
     * @throws IllegalArgumentException naming the bundled models when there is none of that name.
     * @throws UncheckedIOException     when a copy out of the jar cannot be written.
     */
    public static synchronized Path path(final String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no bundled MuJoCo model '" + name + "'; the bundled models are "
                + String.join(", ", NAMES));
        }
        final Path known = EXTRACTED.get(name);
        if (known != null) {
            return known;
        }
        final String resource = "models/" + name + ".xml";
        final URL url = BundledModels.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the hal-mujoco jar lacks " + resource + ": rebuild hal/mujoco");
        }
        final Path path = "file".equals(url.getProtocol()) ? fileOf(url) : extract(resource, name);
        EXTRACTED.put(name, path);
        return path;
    }

    private static Path fileOf(final URL url) {
        try {
            return Path.of(url.toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    private static Path extract(final String resource, final String name) {
        try (InputStream in = BundledModels.class.getResourceAsStream(resource)) {
            final Path directory = Files.createTempDirectory("sparring-mujoco-");
            final Path file = directory.resolve(name + ".xml");
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot copy the bundled MuJoCo model " + name
                + " to a temporary file: " + e.getMessage(), e);
        }
    }
}
