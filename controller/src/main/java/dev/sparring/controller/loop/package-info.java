/**
 * The fixed-rate control loop: an allocation-free Agrona agent on absolute deadlines, its deadline-aware idle
 * strategy, overrun and timing accounting, and the optional real-time setup of the control thread.
 */
package dev.sparring.controller.loop;
