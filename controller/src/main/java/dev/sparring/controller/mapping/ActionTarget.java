package dev.sparring.controller.mapping;

import dev.sparring.hal.CommandMode;

/**
 * Where one element of the policy's action goes: a joint, in a command mode, with an optional rate limit.
 *
 * @param joint          joint name.
 * @param mode           command mode of that joint.
 * @param maxRatePerS    largest change of the command per second; {@code Double.POSITIVE_INFINITY} for none.
 */
public record ActionTarget(String joint, CommandMode mode, double maxRatePerS) {
}
