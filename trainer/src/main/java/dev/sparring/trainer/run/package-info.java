/** A training run's files: checkpoints that resume bit for bit, the run directory, metrics. */
package dev.sparring.trainer.run;
