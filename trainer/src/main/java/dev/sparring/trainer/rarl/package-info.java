/** Robust Adversarial RL (Pinto et al. 2017): a protagonist and a disturbing adversary trained in alternation. */
package dev.sparring.trainer.rarl;
