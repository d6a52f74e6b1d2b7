/**
 * The live dashboard: a local web page whose numbers are pushed by server-sent events, sampled off the control
 * thread from the counters the loop already keeps, or followed from a run directory's files.
 */
package dev.sparring.controller.dashboard;
