package dev.sparring.hal.pi4j;

/**
 * A limit switch at one end of a joint's travel.
 *
 * @param jointIndex the joint's index in the robot.
 * @param atMax      whether it is at the upper end (else the lower).
 * @param input      its GPIO input.
 */
public record LimitSwitch(int jointIndex, boolean atMax, InputPin input) {
}
