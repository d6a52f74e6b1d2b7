/** Gym-like training environments over the hal's simulated plants, with an adversary action space for RARL. */
package dev.sparring.trainer.env;
