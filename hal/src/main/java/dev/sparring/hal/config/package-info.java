/**
 * Robot description files (YAML) loaded into a validated {@link dev.sparring.hal.config.RobotDescription}, with
 * errors that name the file, the field path and the offending value.
 */
package dev.sparring.hal.config;
