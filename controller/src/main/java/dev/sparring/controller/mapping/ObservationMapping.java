package dev.sparring.controller.mapping;

import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the policy's observation vector from the robot state: the listed {@link StateChannel}s in order, followed
 * by the previous action when {@code includePreviousAction} is set. Allocation-free per tick.
 */
public final class ObservationMapping {
    private final StateChannel[] channels;
    private final int actionSize;
    private final boolean includePreviousAction;

    /**
     * @param spec                  the robot.
     * @param channelNames          state channels in observation order.
     * @param actionSize            the policy's action size.
     * @param includePreviousAction whether the previous action follows the state channels.
     */
    public ObservationMapping(final RobotSpec spec, final List<String> channelNames, final int actionSize,
        final boolean includePreviousAction) {
        final List<StateChannel> parsed = new ArrayList<>(channelNames.size());
        for (final String name : channelNames) {
            parsed.add(StateChannel.parse(spec, name));
        }
        this.channels = parsed.toArray(new StateChannel[0]);
        this.actionSize = actionSize;
        this.includePreviousAction = includePreviousAction;
    }

    /**
     * @return length of the observation vector.
     */
    public int size() {
        return channels.length + (includePreviousAction ? actionSize : 0);
    }

    /**
     * Fills {@code observation} from the state and the previous action.
     *
     * @param state          the current state.
     * @param previousAction the action of the previous tick (size = action size).
     * @param observation    output, of length {@link #size()}.
     */
    public void map(final RobotState state, final double[] previousAction, final double[] observation) {
        final StateChannel[] channels = this.channels;
        final int count = channels.length;
        for (int i = 0; i < count; i++) {
            observation[i] = channels[i].read(state);
        }
        if (includePreviousAction) {
            System.arraycopy(previousAction, 0, observation, count, actionSize);
        }
    }
}
