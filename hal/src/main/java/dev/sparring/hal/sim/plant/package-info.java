/**
 * The pure-Java plants: rigid-body systems with analytic equations of motion and a fixed-step RK4 integrator,
 * implementing the plant contract ({@link dev.sparring.hal.plant.Plant}) for the sim backend and the trainer's tasks.
 */
package dev.sparring.hal.sim.plant;
