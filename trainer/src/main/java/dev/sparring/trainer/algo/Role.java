package dev.sparring.trainer.algo;

/**
 * Which player of an environment a learner controls. The adversary's reward is the negative of the protagonist's
 * (zero-sum, as in RARL).
 */
public enum Role {
    /** Drives the robot's actuators and earns the environment's reward. */
    PROTAGONIST,
    /** Applies the disturbance forces and earns the negative reward. */
    ADVERSARY
}
