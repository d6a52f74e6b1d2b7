package dev.sparring.hal.mujoco;

import dev.sparring.hal.AbstractRobotBackend;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.sim.SimRobotSystem;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code mujoco} backend: a robot simulated by MuJoCo behind {@link dev.sparring.hal.RobotSystem}, driven as
 * hardware is. Its section names the MJCF model ({@code model}: a bundled model's name, {@link BundledModels#NAMES},
 * or a file relative to the description's directory) and, like the {@code sim} backend's, the seed, initial state,
 * parameters, actuator and sensor models and PD gains ({@code docs/robots.md}).
 * <p>
 * The system is a {@link SimRobotSystem} over a {@link MujocoPlant}: the description's joints are the model's hinge
 * and slide joints, same names and order, each actuated joint driven by its motor; sensor channels are the plant's
 * channels (body positions in the plane, MuJoCo sensors). The physics steps at the model's own timestep, and once the
 * controller gives the loop period ({@link SimRobotSystem#useLoopPeriod}) each tick advances it by whole periods: a
 * period that is not a whole number of timesteps is refused, naming both. A MuJoCo warning (an unstable simulation)
 * makes every later read ERROR, so the robot's safe state is applied and the controller's supervisor faults. The
 * model's native memory is freed on shutdown.
 */
public final class MujocoBackend extends AbstractRobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = "mujoco";
    private static final String MODEL = "model";

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public MujocoBackend() {
        super(NAME, true);
    }

    @Override
    public SimRobotSystem create(final RobotDescription description) {
        final ConfigNode section = description.section(NAME);
        final MujocoPlant plant = loadPlant(description, section, section.string(MODEL));
        try {
            return SimRobotSystem.overPlant(description, NAME, plant, MODEL);
        } catch (final RuntimeException e) {
            plant.close();
            throw e;
        }
    }

    private static MujocoPlant loadPlant(final RobotDescription description, final ConfigNode section,
        final String model) {
        final boolean bundled = BundledModels.NAMES.contains(model);
        final Path file = bundled ? null : description.resolve(model);
        if (!bundled && !Files.isRegularFile(file)) {
            throw section.error(MODEL, "must be a bundled model (" + String.join(", ", BundledModels.NAMES)
                + ") or an MJCF file relative to the description's directory, was '" + model + "' (no file " + file
                + ")");
        }
        try {
            return bundled ? MujocoPlant.bundled(model) : MujocoPlant.load(stem(file), file);
        } catch (final MujocoUnavailableException e) {
            throw section.error(MODEL, "cannot be simulated here: " + e.getMessage());
        } catch (final MujocoException | IllegalArgumentException e) {
            throw section.error(MODEL, "'" + model + "' cannot be used: " + e.getMessage());
        }
    }

    private static String stem(final Path file) {
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
