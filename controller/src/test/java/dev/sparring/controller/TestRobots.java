package dev.sparring.controller;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.JointType;
import dev.sparring.hal.RobotSpec;

import java.util.List;
import java.util.Set;

/** Small robot specs for unit tests. */
public final class TestRobots {
    private TestRobots() {
    }

    /**
     * @return a cart (prismatic, effort and position modes, ±2 m, ±5 m/s, ±10 N) with a passive pole
     *         (revolute, continuous, ±20 rad/s) and one extra sensor channel "imu_x".
     */
    public static RobotSpec cartWithPole() {
        return new RobotSpec("test-cart", List.of(
            new JointSpec("cart", JointType.PRISMATIC, -2, 2, 5, 10, Set.of(CommandMode.EFFORT, CommandMode.POSITION)),
            new JointSpec("pole", JointType.REVOLUTE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 20, 0,
                Set.of())),
            List.of("imu_x"));
    }
}
