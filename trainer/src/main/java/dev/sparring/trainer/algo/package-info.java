/**
 * On-policy learning: vectorised rollout collection, GAE, PPO and TRPO over a Gaussian policy, and the training loop.
 */
package dev.sparring.trainer.algo;
