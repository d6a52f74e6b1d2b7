/**
 * Comparison reports of finished experiments: training and evaluation results of each method side by side, with
 * significance tests and plots, in markdown.
 */
package dev.sparring.trainer.report;
