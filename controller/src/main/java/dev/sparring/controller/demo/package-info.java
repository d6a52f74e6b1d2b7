/**
 * The bundled demonstration policy: an LQR controller designed on the simulated cart-pole's own linearisation and
 * written as a policy file, so the controller has something real to run before the trainer exists.
 */
package dev.sparring.controller.demo;
