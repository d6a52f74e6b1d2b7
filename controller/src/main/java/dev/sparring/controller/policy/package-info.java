/**
 * The policy file format (versioned, checksummed, validated at load), the allocation-free MLP executor that runs a
 * policy on the control thread, and its exploring form that samples the policy's Gaussian.
 */
package dev.sparring.controller.policy;
