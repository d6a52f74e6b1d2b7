package dev.sparring.controller.policy;

/**
 * What the control tick asks of a policy: an action for an observation, written into a preallocated array. The
 * policy executor is the production implementation; tests substitute misbehaving ones to exercise the safety paths.
 */
@FunctionalInterface
public interface ActionPolicy {
    /**
     * Computes the action for an observation; must not allocate, block or throw.
     *
     * @param observation the observation (raw physical values; the policy normalises).
     * @param action      output, the action in physical units.
     */
    void act(double[] observation, double[] action);
}
