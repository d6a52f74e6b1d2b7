/**
 * The {@code sim} backend: a {@link dev.sparring.hal.RobotSystem} over a pure-Java plant with actuator saturation,
 * sensor noise, quantisation and delay, advanced by the controller's clock in fixed inner steps.
 */
package dev.sparring.hal.sim;
