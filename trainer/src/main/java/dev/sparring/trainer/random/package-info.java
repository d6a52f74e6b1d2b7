/** The trainer's random generator: one-word state for exact checkpoints and allocation-free re-seeding. */
package dev.sparring.trainer.random;
