package dev.sparring.hal.sim;

import dev.sparring.hal.AbstractRobotBackend;
import dev.sparring.hal.config.RobotDescription;

/**
 * The {@code sim} backend: builds a {@link SimRobotSystem} from a description's {@code sim} section (plant, inner
 * step, seed, initial state, parameters, actuators, sensor model, PD gains; see {@code docs/robots.md}).
 * <p>
 * The description's joints must be the plant's joints, same names, order and types; a joint the plant does not
 * actuate must be passive. A joint's {@code max_effort} may be lower than its actuator's saturation
 * {@code Kt·N·Imax} (the controller then limits itself further) but not higher, since the sim could never deliver it.
 * A joint with no {@code sim.actuators} entry gets an ideal actuator that saturates exactly at its
 * {@code max_effort}.
 */
public final class SimBackend extends AbstractRobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = "sim";

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public SimBackend() {
        super(NAME, true);
    }

    @Override
    public SimRobotSystem create(final RobotDescription description) {
        return new SimRobotSystem(description.spec(), SimConfig.parse(description));
    }
}
