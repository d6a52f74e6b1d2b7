package dev.sparring.hal.plant;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds {@link PlantProvider} plugins by name through {@link ServiceLoader}.
 */
public final class PlantProviders {
    private PlantProviders() {
    }

    /**
     * @param name an engine's name, e.g. {@code mujoco}.
     * @return the provider registered under that name on the class path, or empty when there is none (the module
     *         that provides it is not on the class path).
     */
    public static Optional<PlantProvider> find(final String name) {
        for (final PlantProvider provider : ServiceLoader.load(PlantProvider.class)) {
            if (provider.name().equals(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
