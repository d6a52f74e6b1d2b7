/**
 * The {@code mock} backend: hardware that copies commands to states, with switches that break it on purpose (lost
 * feedback, stuck joint, NaN, failed read or write) so safety paths can be tested.
 */
package dev.sparring.hal.mock;
