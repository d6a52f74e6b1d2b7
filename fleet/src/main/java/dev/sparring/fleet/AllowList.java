package dev.sparring.fleet;

import dev.sparring.controller.trust.TrustList;
import dev.sparring.controller.trust.TrustedKey;
import dev.sparring.hal.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * The robots a receiver accepts streams from, each with the public key it proves itself with: a text file in the
 * format of a robot's trust file ({@link TrustList}), one robot a line as {@code <robot name> <base64 of its Ed25519
 * public key>} (the line the {@code .pub} file of {@code sparring keys generate} suggests), blank lines and lines
 * starting with '#' ignored.
 *
 * @param source where the list came from, for messages.
 * @param keys   each robot's public key by its name.
 */
public record AllowList(String source, Map<String, TrustedKey> keys) {
    /**
     * Copies the map.
     */
    public AllowList {
        keys = Map.copyOf(keys);
    }

    /**
     * Reads a list.
     *
     * @param file the file.
     * @return the list.
     * @throws IOException     when the file cannot be read.
     * @throws ConfigException naming the file and line when it is missing, a line has no key or not a valid one, or a
     *                         name is not a valid robot name.
     */
    public static AllowList load(final Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ConfigException("allow-list " + file + " does not exist; list each robot as '<robot name> "
                + "<public key>' (docs/fleet.md, \"Robot keys\")");
        }
        final TrustList list = TrustList.read(file);
        final Map<String, TrustedKey> keys = new TreeMap<>();
        for (final TrustedKey key : list.keys()) {
            try {
                RobotName.encode(key.name());
            } catch (final IllegalArgumentException e) {
                throw new ConfigException("allow-list " + file + ": " + e.getMessage());
            }
            keys.put(key.name(), key);
        }
        return new AllowList(file.toString(), keys);
    }

    /**
     * @param name a robot's name.
     * @return whether it may ship to this receiver (once it proves it holds its key).
     */
    public boolean allows(final String name) {
        return keys.containsKey(name);
    }

    /**
     * @param name a robot's name on the list.
     * @return its public key.
     */
    public PublicKey keyOf(final String name) {
        return keys.get(name).key();
    }
}
