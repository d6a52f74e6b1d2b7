package dev.sparring.trainer.algo;

/**
 * The update step of an on-policy algorithm: everything else (collection, normalisation, GAE) is shared. An
 * optimizer is bound to one policy and value network at construction and changes them in place.
 */
public interface PolicyOptimizer {
    /**
     * Improves the policy and the value network from a rollout whose advantages and returns are computed.
     *
     * @param buffer  the rollout.
     * @param metrics receives the update's losses and statistics.
     */
    void update(RolloutBuffer buffer, IterationMetrics metrics);
}
