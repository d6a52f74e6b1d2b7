package dev.sparring.hal;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds {@link RobotBackend} plugins by name through {@link ServiceLoader}.
 */
public final class RobotBackends {
    private RobotBackends() {
    }

    /**
     * @param name a backend name.
     * @return the backend.
     * @throws ConfigException listing the available backends when none has that name.
     */
    public static RobotBackend find(final String name) {
        final TreeSet<String> available = new TreeSet<>();
        for (final RobotBackend backend : ServiceLoader.load(RobotBackend.class)) {
            if (backend.name().equals(name)) {
                return backend;
            }
            available.add(backend.name());
        }
        throw new ConfigException("no robot backend named '" + name + "'; available here: " + available
            + " (a backend is a jar on the class path that registers dev.sparring.hal.RobotBackend)");
    }

    /**
     * Builds the system a description asks for.
     *
     * @param description the robot description.
     * @return an UNCONFIGURED system.
     */
    public static RobotSystem create(final RobotDescription description) {
        return find(description.backend()).create(description);
    }
}
