package dev.sparring.trainer.run;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantProvider;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code mujoco} plant provider that {@link CountingPlants} puts in front of the real one: it creates the real
 * MuJoCo plants, wrapped so that their creation and every call to their {@code close()} are counted (the first close of
 * each, and all of them), and can be told to fail a creation on purpose. Public for {@link ServiceLoader}.
 */
public final class CountingPlantProvider implements PlantProvider {
    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final AtomicInteger CLOSE_CALLS = new AtomicInteger();
    /** The creation (counted from 1) that throws, or 0 for none. */
    static final AtomicInteger FAILING_CREATION = new AtomicInteger();
    private static final String MUJOCO = "mujoco";

    private final PlantProvider real = realProvider();

    private static PlantProvider realProvider() {
        for (final PlantProvider provider : ServiceLoader.load(PlantProvider.class,
            CountingPlantProvider.class.getClassLoader())) {
            if (provider.name().equals(MUJOCO) && !(provider instanceof CountingPlantProvider)) {
                return provider;
            }
        }
        throw new IllegalStateException("no real mujoco plant provider (module hal-mujoco) on the class path");
    }

    @Override
    public String name() {
        return MUJOCO;
    }

    @Override
    public List<String> kinds() {
        return real.kinds();
    }

    @Override
    public Plant create(final String kind) {
        final int creation = CREATED.get() + 1;
        if (creation == FAILING_CREATION.get()) {
            throw new IllegalStateException("plant creation " + creation + " fails on purpose");
        }
        final Plant plant = real.create(kind);
        CREATED.incrementAndGet();
        final boolean[] closed = {false};
        return (Plant) Proxy.newProxyInstance(Plant.class.getClassLoader(), new Class<?>[] {Plant.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    CLOSE_CALLS.incrementAndGet();
                    if (!closed[0]) {
                        closed[0] = true;
                        CLOSED.incrementAndGet();
                    }
                }
                return invoke(plant, method, arguments);
            });
    }

    private static Object invoke(final Plant plant, final Method method, final Object[] arguments)
        throws Throwable {
        try {
            return method.invoke(plant, arguments);
        } catch (final InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
