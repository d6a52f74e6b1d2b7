/**
 * Signed policies: Ed25519 keys, detached policy signatures and the robot's trust list, which together let a robot
 * run only policies signed by a trainer it trusts (formats in {@code docs/formats.md}).
 */
package dev.sparring.controller.trust;
