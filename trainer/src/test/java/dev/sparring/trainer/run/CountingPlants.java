package dev.sparring.trainer.run;

import dev.sparring.hal.plant.PlantProvider;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Counts the MuJoCo plants the trainer creates and closes on this thread: while installed, the thread's context class
 * loader (which {@link java.util.ServiceLoader} searches) lists {@link CountingPlantProvider} before the real
 * {@code mujoco} provider, so {@code Tasks.create} gets counted plants. Close it to put the loader back.
 */
final class CountingPlants implements AutoCloseable {
    private static final String SERVICE = "META-INF/services/" + PlantProvider.class.getName();

    private final Thread thread = Thread.currentThread();
    private final ClassLoader previous = thread.getContextClassLoader();

    private CountingPlants() {
        CountingPlantProvider.CREATED.set(0);
        CountingPlantProvider.CLOSED.set(0);
        CountingPlantProvider.CLOSE_CALLS.set(0);
        CountingPlantProvider.FAILING_CREATION.set(0);
        thread.setContextClassLoader(new CountingFirst(previous));
    }

    /** @return counting from zero, on the calling thread. */
    static CountingPlants install() {
        return new CountingPlants();
    }

    /**
     * @param creation the creation (from 1) that throws.
     * @return this.
     */
    CountingPlants failingAt(final int creation) {
        CountingPlantProvider.FAILING_CREATION.set(creation);
        return this;
    }

    /** @return plants created. */
    int created() {
        return CountingPlantProvider.CREATED.get();
    }

    /** @return plants closed at least once. */
    int closed() {
        return CountingPlantProvider.CLOSED.get();
    }

    /** @return calls to close, repeated ones included. */
    int closeCalls() {
        return CountingPlantProvider.CLOSE_CALLS.get();
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }

    /** Answers the provider-configuration look-up with the counting provider's file first. */
    private static final class CountingFirst extends ClassLoader {
        CountingFirst(final ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(final String name) throws IOException {
            if (!name.equals(SERVICE)) {
                return super.getResources(name);
            }
            final List<URL> urls = new ArrayList<>();
            urls.add(CountingPlants.class.getResource("/counting-plants/" + PlantProvider.class.getName()));
            urls.addAll(Collections.list(getParent().getResources(name)));
            return Collections.enumeration(urls);
        }
    }
}
