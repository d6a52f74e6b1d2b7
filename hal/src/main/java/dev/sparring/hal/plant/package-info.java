/**
 * The plant contract: the physics a training task, a robustness sweep and a simulated backend drive, implemented by
 * the pure-Java plants ({@code dev.sparring.hal.sim.plant}) and by MuJoCo models alike.
 */
package dev.sparring.hal.plant;
