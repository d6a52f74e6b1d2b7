/**
 * Rigid-body plants with analytic equations of motion and a fixed-step RK4 integrator, shared by the sim backend and
 * the trainer's environments: joint efforts, disturbance forces, physical parameters by name, energy.
 */
package dev.sparring.hal.sim.plant;
