package dev.sparring.hal;

/** Kind of a one-degree-of-freedom joint, which fixes the units of its position, velocity and effort. */
public enum JointType {
    /** Rotation: rad, rad/s, N·m. */
    REVOLUTE,
    /** Translation: m, m/s, N. */
    PRISMATIC
}
