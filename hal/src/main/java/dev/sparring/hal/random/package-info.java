/**
 * The project's random generator, shared by the trainer and the simulated robots so both draw the same initial states:
 * one-word state for exact checkpoints and allocation-free re-seeding.
 */
package dev.sparring.hal.random;
