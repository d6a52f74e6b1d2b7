/** The robot distribution as a user gets it: the built archive unpacked and its launcher started. */
package dev.sparring.robotdist;
