/**
 * The plug-in point through which {@code run --ship-to} ships the experience log while the robot runs: a
 * {@link java.util.ServiceLoader} service the fleet module provides, so the controller does not depend on it.
 */
package dev.sparring.controller.shipping;
