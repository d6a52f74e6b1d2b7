/**
 * JMH benchmarks of the hot paths (policy forward pass, control tick); results go to docs/benchmarks.md.
 */
package dev.sparring.benchmarks;
