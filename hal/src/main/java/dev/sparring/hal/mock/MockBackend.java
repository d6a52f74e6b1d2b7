package dev.sparring.hal.mock;

import dev.sparring.hal.AbstractRobotBackend;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

/**
 * The {@code mock} backend: builds a {@link MockRobotSystem} that copies commands to states. Its optional section:
 * <pre>
 * mock:
 *   initial_positions: [0.0, 0.0]   # one per joint (rad or m); default all 0
 * </pre>
 */
public final class MockBackend extends AbstractRobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = "mock";

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public MockBackend() {
        super(NAME, true);
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
