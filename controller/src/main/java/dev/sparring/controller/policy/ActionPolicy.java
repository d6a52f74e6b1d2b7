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

    /**
     * What the latest {@link #act} drew, for the experience record; must not allocate, block or throw. A stochastic
     * policy ({@link GaussianExplorer}) copies the action it sampled, in action units before its action limits
     * clamped it, and returns that sample's log-density under its Gaussian; a deterministic policy copies nothing and
     * returns NaN (no density: the action was not drawn).
     *
     * @param sampledAction receives the sampled action (left alone by a deterministic policy).
     * @return the log-probability density of the sample, or NaN for a deterministic policy.
     */
    default double lastDraw(final double[] sampledAction) {
        return Double.NaN;
    }
}
