package dev.sparring.hal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a robot offers its controller: its joints (with limits and command modes) and its extra sensor channels
 * (an IMU axis, a force sensor, a battery voltage). The order of both lists fixes the indices used by
 * {@link RobotState} and {@link RobotCommand}; names are resolved to indices once, at configure time.
 *
 * @param name           the robot's name, as given in its description.
 * @param joints         joints in index order.
 * @param sensorChannels names of the extra sensor channels in index order.
 */
public record RobotSpec(String name, List<JointSpec> joints, List<String> sensorChannels) {

    /** Copies the lists and rejects duplicate names. */
    public RobotSpec {
        Objects.requireNonNull(name, "name");
        joints = List.copyOf(joints);
        sensorChannels = List.copyOf(sensorChannels);
        if (joints.isEmpty()) {
            throw new IllegalArgumentException("robot '" + name + "' must have at least one joint");
        }
        final HashSet<String> seen = new HashSet<>();
        for (final JointSpec joint : joints) {
            if (!seen.add(joint.name())) {
                throw new IllegalArgumentException("robot '" + name + "' has two joints named '" + joint.name() + "'");
            }
        }
        for (final String channel : sensorChannels) {
            if (!seen.add(channel)) {
                throw new IllegalArgumentException(
                    "robot '" + name + "' sensor channel '" + channel + "' repeats a joint or channel name");
            }
        }
    }

    /**
     * @return number of joints.
     */
    public int jointCount() {
        return joints.size();
    }

    /**
     * @return number of extra sensor channels.
     */
    public int sensorCount() {
        return sensorChannels.size();
    }

    /**
     * @param jointName a joint name.
     * @return the joint's index, or -1 if the robot has no such joint.
     */
    public int jointIndex(final String jointName) {
        for (int i = 0; i < joints.size(); i++) {
            if (joints.get(i).name().equals(jointName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param channelName a sensor channel name.
     * @return the channel's index, or -1 if the robot has no such channel.
     */
    public int sensorIndex(final String channelName) {
        return sensorChannels.indexOf(channelName);
    }

    /**
     * @return the names of all joints in index order, for error messages.
     */
    public List<String> jointNames() {
        final List<String> names = new ArrayList<>(joints.size());
        for (final JointSpec joint : joints) {
            names.add(joint.name());
        }
        return names;
    }
}
