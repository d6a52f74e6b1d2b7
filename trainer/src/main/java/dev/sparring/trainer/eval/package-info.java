/**
 * Evaluation of trained policies: episodes under no, random or adversarial disturbance, robustness sweeps over
 * test-time plant parameters, learning-curve aggregation over seeds, and the CSV files and PNG plots of all three.
 */
package dev.sparring.trainer.eval;
