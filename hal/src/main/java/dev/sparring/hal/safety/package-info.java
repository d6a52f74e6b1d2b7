/**
 * Safety primitives shared by the controller and the firmware bridge: limit checks, clamps and rate limits over
 * preallocated arrays, allocation-free.
 */
package dev.sparring.hal.safety;
