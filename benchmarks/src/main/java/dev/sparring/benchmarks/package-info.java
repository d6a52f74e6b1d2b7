/**
 * JMH benchmarks of the hot paths (policy forward pass, control tick, logger) and the training speed benchmark
 * ({@link dev.sparring.benchmarks.TrainingSpeed}); results go to docs/benchmarks.md.
 */
package dev.sparring.benchmarks;
