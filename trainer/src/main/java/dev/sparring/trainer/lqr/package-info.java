/**
 * LQR balancing policies designed off-board on a simulated robot's own linearisation, reached through the hal's plant
 * contract, and written as policy files (how the bundled {@code policies/cartpole-lqr.policy} is made).
 */
package dev.sparring.trainer.lqr;
