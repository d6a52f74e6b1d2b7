/**
 * The robot-facing contract: {@link dev.sparring.hal.RobotSystem} with its lifecycle and per-tick read/write over
 * preallocated buffers, described by a {@link dev.sparring.hal.RobotSpec}; backends are found by name.
 */
package dev.sparring.hal;
