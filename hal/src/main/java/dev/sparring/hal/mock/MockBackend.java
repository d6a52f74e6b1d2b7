package dev.sparring.hal.mock;

import dev.sparring.hal.RobotBackend;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

/**
 * The {@code mock} backend: builds a {@link MockRobotSystem} that copies commands to states. Its optional section:
 * <pre>
 * mock:
 *   initial_positions: [0.0, 0.0]   # one per joint (rad or m); default all 0
 * </pre>
 */
public final class MockBackend implements RobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = "mock";

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public MockBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public MockRobotSystem create(final RobotDescription description) {
        final ConfigNode section = description.section(NAME).requireOnlyKeys("initial_positions");
        final int joints = description.spec().jointCount();
        final double[] initial = section.has("initial_positions") ? section.numbers("initial_positions")
            : new double[joints];
        if (initial.length != joints) {
            throw section.error("initial_positions", "must have one value per joint (" + joints + "), has "
                + initial.length);
        }
        return new MockRobotSystem(description.spec(), initial);
    }
}
