/**
 * The robot runtime: one robot, its controller and its experience log wired from a description, run on real time or
 * stepped on simulated time, with policies replaced between episodes; used by {@code sparring run} and by simulated
 * fleets.
 */
package dev.sparring.controller.runtime;
