/**
 * The fleet transport's commands: {@code fleet ship} on a robot, {@code fleet receive} on the trainer host.
 */
package dev.sparring.fleet.cli;
