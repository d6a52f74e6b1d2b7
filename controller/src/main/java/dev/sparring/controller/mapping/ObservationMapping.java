package dev.sparring.controller.mapping;

import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the policy's observation vector from the robot state: the listed {@link StateChannel}s in order, each clipped
 * to ±its bound (as the task clipped it in training: Gymnasium's Hopper and Walker2d clip velocities to ±10), followed
 * by the previous action when {@code includePreviousAction} is set. Allocation-free per tick.
 */
public final class ObservationMapping {
    private final StateChannel[] channels;
    private final double[] clip;
    private final int actionSize;
    private final boolean includePreviousAction;

    /**
     * @param spec                  the robot.
     * @param channelNames          state channels in observation order.
     * @param clip                  per channel, the bound of |value| (+∞: not clipped).
     * @param actionSize            the policy's action size.
     * @param includePreviousAction whether the previous action follows the state channels.
     */
    public ObservationMapping(final RobotSpec spec, final List<String> channelNames, final double[] clip,
        final int actionSize, final boolean includePreviousAction) {
        if (clip.length != channelNames.size()) {
            throw new IllegalArgumentException("observation needs one clip bound per channel, had " + clip.length
                + " for " + channelNames.size());
        }
        final List<StateChannel> parsed = new ArrayList<>(channelNames.size());
        for (final String name : channelNames) {
            parsed.add(StateChannel.parse(spec, name));
        }
        this.channels = parsed.toArray(new StateChannel[0]);
        this.clip = clip.clone();
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
        final double[] clip = this.clip;
        final int count = channels.length;
        for (int i = 0; i < count; i++) {
            final double bound = clip[i];
            final double value = channels[i].read(state);
            observation[i] = value > bound ? bound : value < -bound ? -bound : value;
        }
        if (includePreviousAction) {
            System.arraycopy(previousAction, 0, observation, count, actionSize);
        }
    }
}
