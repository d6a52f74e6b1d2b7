/**
 * The policy file format (versioned, checksummed, validated at load) and the allocation-free MLP executor that runs
 * a policy on the control thread.
 */
package dev.sparring.controller.policy;
