/** The command line of a training machine: train, eval and the RARL demo, beside the controller's commands. */
package dev.sparring.trainer.cli;
