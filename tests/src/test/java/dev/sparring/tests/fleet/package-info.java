/**
 * Fault tests of the fleet transport across hosts: robot, link and trainer network namespaces on this machine, the
 * fleet commands as processes, a user-space UDP relay for loss and delay.
 */
package dev.sparring.tests.fleet;
