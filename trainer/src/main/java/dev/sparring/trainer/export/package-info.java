/**
 * Export of a trained protagonist: to the controller's policy file, and to an ONNX graph that other tools run;
 * and import of an ONNX MLP policy that other tools trained.
 */
package dev.sparring.trainer.export;
