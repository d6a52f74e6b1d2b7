package dev.sparring.trainer.eval;

/**
 * A deterministic policy under evaluation: the protagonist (its action drives the actuators) or an adversary (its
 * action is the disturbance forces, {@link dev.sparring.trainer.env.Env#adversaryActionSize()} values in newtons).
 * <p>
 * It must be a pure function of the observation (no hidden state across calls), so that an evaluation depends only
 * on its seeds; it must not modify the observation. An instance need not be thread-safe: evaluations on several
 * threads take one instance per thread.
 */
@FunctionalInterface
public interface ActionFunction {
    /**
     * @param observation the current observation (read only).
     * @param action      receives the action, in the task's units (the environment clips it to its bounds).
     */
    void act(double[] observation, double[] action);
}
