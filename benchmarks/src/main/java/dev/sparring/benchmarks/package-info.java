/**
 * JMH benchmarks of the hot paths (policy forward pass, control tick, logger), the training speed benchmark
 * ({@link dev.sparring.benchmarks.TrainingSpeed}) and the supervisors' cost per window as the fleet grows
 * ({@link dev.sparring.benchmarks.SupervisorCost}); results go to docs/benchmarks.md.
 */
package dev.sparring.benchmarks;
