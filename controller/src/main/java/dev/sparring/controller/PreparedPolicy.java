package dev.sparring.controller;

import dev.sparring.controller.policy.ActionPolicy;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.trust.TrustedKey;

/**
 * A policy read, validated against the robot and made ready to run off the control thread, for the tick to take up
 * at the start of an episode ({@link ControlTick#offerPolicy}): nothing is left to allocate or check on the control
 * thread.
 *
 * @param source   where it came from (the file), for messages.
 * @param model    the policy.
 * @param executor its executor, deterministic or exploring as the run is.
 * @param id       its id in experience records ({@link dev.sparring.controller.policy.PolicyWriter#id}).
 * @param signer   the trusted key that signed it, or null when the robot has no trust list ({@code control.trust}).
 */
public record PreparedPolicy(String source, PolicyModel model, ActionPolicy executor, long id, TrustedKey signer) {
}
