package dev.sparring.bridge.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol's test vectors, {@code firmware-bridge/protocol/test-vectors.txt}, from the path Maven passes in the
 * system property {@value #PROPERTY}: one {@code name input-hex output-hex} per line, {@code -} for none.
 */
final class TestVectors {
    static final String PROPERTY = "sparring.protocol.vectors";

    /**
     * One vector.
     *
     * @param name   its name.
     * @param input  its input bytes (empty for {@code -}).
     * @param output its expected output bytes.
     */
    record Vector(String name, byte[] input, byte[] output) {
    }

    private TestVectors() {
    }

    static Path path() {
        final String path = System.getProperty(PROPERTY);
        if (path == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: run the tests through Maven "
                + "(firmware-bridge/pom.xml sets it to protocol/test-vectors.txt)");
        }
        return Path.of(path);
    }

    static Map<String, Vector> load() {
        final Map<String, Vector> vectors = new LinkedHashMap<>();
        try {
            for (final String line : Files.readAllLines(path())) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final String[] fields = line.trim().split(" ");
                vectors.put(fields[0], new Vector(fields[0], bytes(fields[1]), bytes(fields[2])));
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return vectors;
    }

    static Vector vector(final String name) {
        final Vector vector = load().get(name);
        if (vector == null) {
            throw new IllegalStateException("no vector named " + name + " in " + path());
        }
        return vector;
    }

    private static byte[] bytes(final String hex) {
        return "-".equals(hex) ? new byte[0] : HexFormat.of().parseHex(hex);
    }
}
