/**
 * Observation and action mappings between a robot's state/command buffers and a policy's vectors, resolved from
 * channel names to indices once, at configure time.
 */
package dev.sparring.controller.mapping;
