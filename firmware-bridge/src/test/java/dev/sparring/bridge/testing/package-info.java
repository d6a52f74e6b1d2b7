/** Test support shared with the hardware-in-the-loop tests: the host-built firmware as a child process. */
package dev.sparring.bridge.testing;
