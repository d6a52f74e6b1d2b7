/**
 * The robot-side runtime: wiring of the control tick, the fixed-rate loop, the policy executor and the safety
 * supervisor into a runnable controller.
 */
package dev.sparring.controller;
