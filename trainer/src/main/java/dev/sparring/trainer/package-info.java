/**
 * The off-board trainer: neural networks, environments over the hal plants, PPO, TRPO, RARL, evaluation and export.
 */
package dev.sparring.trainer;
