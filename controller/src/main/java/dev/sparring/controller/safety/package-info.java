/**
 * The safety supervisor: checks every tick for bad data, limit violations, stale sensors and a stalled loop, and
 * replaces the command with a safe one within the same tick; faults latch until an explicit reset.
 */
package dev.sparring.controller.safety;
