package dev.sparring.hal.plant;

import java.util.List;

/**
 * A source of {@link Plant}s of one engine, found through {@link java.util.ServiceLoader} by its {@link #name()} (as
 * Pi4J finds its providers), so that a module driving plants (the trainer) needs no compile dependency on an engine's
 * classes: a module such as {@code hal-mujoco} registers its provider in
 * {@code META-INF/services/dev.sparring.hal.plant.PlantProvider}. Look providers up with {@link PlantProviders}.
 */
public interface PlantProvider {
    /** @return the engine's name, e.g. {@code mujoco}. */
    String name();

    /** @return the kinds of plant this provider creates (for MuJoCo, the bundled models' names). */
    List<String> kinds();

    /**
     * Creates a new plant, independent of every other, at its reference state.
     *
     * @param kind one of {@link #kinds()}.
     * @return the plant; the caller owns it.
     * @throws IllegalArgumentException listing {@link #kinds()} when {@code kind} is none of them.
     * @throws RuntimeException         naming what to install when the engine cannot be loaded.
     */
    Plant create(String kind);
}
