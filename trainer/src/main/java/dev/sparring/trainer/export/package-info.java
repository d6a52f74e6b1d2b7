/**
 * Export of a trained protagonist: to the controller's policy file, and to an ONNX graph that other tools run.
 */
package dev.sparring.trainer.export;
