package dev.sparring.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The robots a receiver accepts streams from: a text file with one robot name per line; blank lines and lines
 * starting with '#' are ignored.
 *
 * @param source where the list came from, for messages.
 * @param names  the robot names.
 */
public record AllowList(String source, Set<String> names) {
    /**
     * Reads a list.
     *
     * @param file the file.
     * @return the list.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the line whose name is not a valid robot name.
     */
    public static AllowList load(final Path file) throws IOException {
        final List<String> lines = Files.readAllLines(file);
        final Set<String> names = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                RobotName.encode(line);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("allow-list " + file + " line " + (i + 1) + ": "
                    + e.getMessage(), e);
            }
            names.add(line);
        }
        return new AllowList(file.toString(), Set.copyOf(names));
    }

    /**
     * @param name a robot's name.
     * @return whether it may ship to this receiver.
     */
    public boolean allows(final String name) {
        return names.contains(name);
    }
}
