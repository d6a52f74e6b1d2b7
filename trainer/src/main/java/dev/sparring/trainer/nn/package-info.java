/**
 * Batched multi-layer perceptrons with hand-written backpropagation over preallocated row-major arrays.
 */
package dev.sparring.trainer.nn;
