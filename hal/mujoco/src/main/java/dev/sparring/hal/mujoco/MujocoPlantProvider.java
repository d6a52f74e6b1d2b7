package dev.sparring.hal.mujoco;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantProvider;

import java.util.List;

/**
 * The {@code mujoco} plant provider: a {@link MujocoPlant} of one of the bundled robot models, so the trainer's
 * MuJoCo tasks find their plants through {@link java.util.ServiceLoader} without a compile dependency on this module.
 */
public final class MujocoPlantProvider implements PlantProvider {
    /** The provider's name, as tasks ask for it. */
    public static final String NAME = "mujoco";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> kinds() {
        return BundledModels.NAMES;
    }

    @Override
    public Plant create(final String kind) {
        if (!BundledModels.NAMES.contains(kind)) {
            throw new IllegalArgumentException("no bundled MuJoCo model named '" + kind + "'; bundled: "
                + BundledModels.NAMES);
        }
        return MujocoPlant.bundled(kind);
    }
}
