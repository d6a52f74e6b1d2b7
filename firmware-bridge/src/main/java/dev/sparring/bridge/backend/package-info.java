/** The {@code bridge} robot backend: a {@code RobotSystem} whose joints are driven by firmware over the link. */
package dev.sparring.bridge.backend;
