/**
 * What a task's definition and a robot's on-board episode share, written once: reward terms, healthy ranges and
 * reset noise, so the trainer's environments and the controller compute the same numbers.
 */
package dev.sparring.hal.task;
